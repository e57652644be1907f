import { describe, expect, it } from 'vitest';
import { spinSqliteModule, toWitValue } from './spin-sqlite.js';

/** A fake of the host's `fermyon:spin/sqlite` that records what it was given. */
function fakeHost(granted = ['default']) {
  const calls = [];
  const open = (label) => {
    if (!granted.includes(label))
      throw Object.assign(new Error('access-denied'), { payload: { tag: 'access-denied' } });
    return {
      execute(statement, parameters) {
        calls.push({ statement, parameters });
        if (statement === 'bad')
          throw Object.assign(new Error('io'), { payload: { tag: 'io', val: 'near "bad": syntax error' } });
        return {
          columns: ['id', 'body', 'gone'],
          rows: [{ values: [{ tag: 'integer', val: 1n }, { tag: 'text', val: 'hi' }, { tag: 'null' }] }],
        };
      },
    };
  };
  return { open, calls };
}

describe('@spinframework/spin-sqlite', () => {
  it('answers rows as objects keyed by column, as the Spin JS SDK does', () => {
    const host = fakeHost();
    const result = spinSqliteModule(host.open).openDefault().execute('SELECT', []);
    expect(result).toEqual({ columns: ['id', 'body', 'gone'], rows: [{ id: 1n, body: 'hi', gone: null }] });
  });

  it('binds whole numbers as integers, others as reals, and text, bytes and null by type', () => {
    const host = fakeHost();
    spinSqliteModule(host.open)
      .open('default')
      .execute('INSERT', [3, 2.5, 7n, 'x', new Uint8Array([1]), null]);
    expect(host.calls[0].parameters).toEqual([
      { tag: 'integer', val: 3n },
      { tag: 'real', val: 2.5 },
      { tag: 'integer', val: 7n },
      { tag: 'text', val: 'x' },
      { tag: 'blob', val: new Uint8Array([1]) },
      { tag: 'null' },
    ]);
  });

  it('says which database and which error, and which parameter it cannot bind', () => {
    const sqlite = spinSqliteModule(fakeHost().open);
    expect(() => sqlite.open('other')).toThrow('spin-sqlite: open("other") failed (access-denied)');
    expect(() => sqlite.openDefault().execute('bad')).toThrow(
      'spin-sqlite: execute in database "default" failed (io: near "bad": syntax error)',
    );
    expect(() => toWitValue({ a: 1 }, 1)).toThrow('parameter 2 is [object Object]');
  });
});
