/**
 * Terminal tokens the server has seen, by their SHA-256 (never the token
 * itself), for the push route only: that route checks the token again in the
 * transaction that locks the terminal's cursor (event-group-store.ts), so a
 * remembered token that was replaced or removed stores nothing, and a push
 * needs no statement of its own before the group commit. Bounded: past
 * MAX_REMEMBERED the oldest entry goes; a miss costs one lookup.
 */

export const MAX_REMEMBERED = 20_000;

export interface RememberedTerminal {
  terminalId: string;
  lineId: string;
}

export interface RememberedTerminalTokens {
  get(tokenHash: string): RememberedTerminal | undefined;
  remember(tokenHash: string, terminal: RememberedTerminal): void;
  forget(tokenHash: string): void;
}

export function rememberTerminalTokens(max = MAX_REMEMBERED): RememberedTerminalTokens {
  const byHash = new Map<string, RememberedTerminal>();
  return {
    get: (tokenHash) => byHash.get(tokenHash),
    remember: (tokenHash, terminal) => {
      byHash.delete(tokenHash);
      byHash.set(tokenHash, terminal);
      if (byHash.size > max) byHash.delete(byHash.keys().next().value!);
    },
    forget: (tokenHash) => void byHash.delete(tokenHash),
  };
}
