import { describe, expect, it } from 'vitest';
import { CodedErrorSchema, isErrorCode, toCodedError } from '../../shared/errors';

describe('coded errors: one closed set', () => {
  it('keeps a thrown error of the set as it is', () => {
    expect(toCodedError({ code: 'printer-paper-out', message: 'out of labels' })).toEqual({ code: 'printer-paper-out', message: 'out of labels' });
  });

  it('turns a foreign code (a Node error) into the fallback and keeps it readable in the message', () => {
    const enoent = Object.assign(new Error('ENOENT: no such file or directory, open /x'), { code: 'ENOENT' });
    expect(toCodedError(enoent)).toEqual({ code: 'internal', message: 'ENOENT: no such file or directory, open /x' });
    expect(toCodedError({ code: 'ECONNRESET', message: 'socket hang up' }, 'printer-offline')).toEqual({ code: 'printer-offline', message: 'ECONNRESET: socket hang up' });
  });

  it('words anything else thrown with the fallback code', () => {
    expect(toCodedError(new Error('boom'))).toEqual({ code: 'internal', message: 'boom' });
    expect(toCodedError('plain', 'timeout')).toEqual({ code: 'timeout', message: 'plain' });
  });

  it('knows its codes, and refuses others as data', () => {
    expect(isErrorCode('journal-copy-corrupt')).toBe(true);
    expect(isErrorCode('something-new')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
    expect(CodedErrorSchema.safeParse({ code: 'storage-low', message: 'full' }).success).toBe(true);
    expect(CodedErrorSchema.safeParse({ code: 'weird', message: 'x' }).success).toBe(false);
  });
});
