import { describe, expect, it } from 'vitest';
import { builtFile } from '../built-components.test-helper.ts';
import { withPromptTicks } from './glue-ticks-p3.ts';
import { transpileComponent } from './transpile-component.ts';

const TEN_MS_POLL = 'const delay = result === ComponentAsyncState.TickResult.RESUMED ? 0 : 10;';

describe('the WASI 0.3 glue’s tick loop, without its 10 ms delays', () => {
  it('is rewritten in the glue the host makes of a WASI 0.3 component (fails when jco changes the loop)', async () => {
    const { glue } = await transpileComponent(builtFile('fixtures/http-p3/dist/http-p3.wasm'), 'http-p3');
    expect(glue).not.toContain(TEN_MS_POLL);
    expect(glue).toContain('const delay = 0;');
    expect(glue).toMatch(/this\.#tickLoop = null;\n\s*\}, 0\);/);
  });

  it('is left as it is for a WASI 0.2 component, whose requests never wait in it', async () => {
    const { glue } = await transpileComponent(builtFile('fixtures/minimal/dist/minimal.wasm'), 'minimal');
    expect(glue).toContain(TEN_MS_POLL);
  });

  it('leaves a glue without the loop jco 1.35 writes unchanged', () => {
    expect(withPromptTicks('export const x = 1;')).toEqual({ glue: 'export const x = 1;', rewritten: false });
  });
});
