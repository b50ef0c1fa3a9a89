import { describe, expect, it } from 'vitest';
import { rememberTerminalTokens } from '../../server/remembered-terminal-tokens';

describe('remembered terminal tokens', () => {
  it('keeps at most its bound, dropping the entry remembered longest ago', () => {
    const tokens = rememberTerminalTokens(2);
    tokens.remember('h1', { terminalId: 'T-1', lineId: 'L1' });
    tokens.remember('h2', { terminalId: 'T-2', lineId: 'L1' });
    tokens.remember('h1', { terminalId: 'T-1', lineId: 'L1' }); // seen again: now the newest
    tokens.remember('h3', { terminalId: 'T-3', lineId: 'L2' });
    expect(tokens.get('h2')).toBeUndefined();
    expect(tokens.get('h1')).toEqual({ terminalId: 'T-1', lineId: 'L1' });
    expect(tokens.get('h3')).toEqual({ terminalId: 'T-3', lineId: 'L2' });
  });

  it('forgets a token on request', () => {
    const tokens = rememberTerminalTokens();
    tokens.remember('h1', { terminalId: 'T-1', lineId: 'L1' });
    tokens.forget('h1');
    expect(tokens.get('h1')).toBeUndefined();
  });
});
