import { describe, expect, it } from 'vitest';
import { bareMessage, messageOf, SwerveError } from './errors.ts';

describe('SwerveError', () => {
  it('prefixes its message once and keeps the bare sentence as detail', () => {
    const error = new SwerveError('kv-invalid', 'No such store "cache". Declare it in spin.toml.');
    expect(error.message).toBe('[swerve] No such store "cache". Declare it in spin.toml.');
    expect(error.detail).toBe('No such store "cache". Declare it in spin.toml.');
  });

  it('does not double the prefix of a message that already carries it (one that crossed a port)', () => {
    const error = new SwerveError('guest-failed', '[swerve] The guest trapped.');
    expect(error.message).toBe('[swerve] The guest trapped.');
    expect(error.detail).toBe('The guest trapped.');
  });
});

describe('messageOf and bareMessage', () => {
  it("give a SwerveError's detail, another error's message, anything else as text", () => {
    expect(messageOf(new SwerveError('too-large', 'Over the limit.'))).toBe('Over the limit.');
    expect(messageOf(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
    expect(messageOf('plain')).toBe('plain');
  });

  it('strip only a leading prefix', () => {
    expect(bareMessage('[swerve] GET / answered 500')).toBe('GET / answered 500');
    expect(bareMessage('a [swerve] in the middle')).toBe('a [swerve] in the middle');
  });
});
