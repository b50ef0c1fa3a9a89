import { useEffect, useState } from 'react';
import type { LinesBoard } from '../../server/lines/line-board';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'ended';

/**
 * The lines board as the server streams it (GET /api/v1/web/lines/stream,
 * server-sent events with the session cookie). EventSource reconnects by
 * itself after a dropped connection; a refused one (the session ended)
 * closes it for good, and the page says so.
 */
export function useLinesStream(): { board: LinesBoard | null; state: StreamState; problem: string | null } {
  const [board, setBoard] = useState<LinesBoard | null>(null);
  const [state, setState] = useState<StreamState>('connecting');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const source = new EventSource('/api/v1/web/lines/stream', { withCredentials: true });
    source.addEventListener('open', () => setState('live'));
    source.addEventListener('board', (e) => {
      setBoard(JSON.parse((e as MessageEvent<string>).data) as LinesBoard);
      setProblem(null);
      setState('live');
    });
    source.addEventListener('problem', (e) => {
      const body = JSON.parse((e as MessageEvent<string>).data) as { error?: { message?: string } };
      setProblem(body.error?.message ?? null);
    });
    // The server ends the stream when the session has ended (logout, expiry): no point reconnecting.
    source.addEventListener('ended', () => {
      source.close();
      setState('ended');
    });
    source.addEventListener('error', () => setState(source.readyState === EventSource.CLOSED ? 'ended' : 'reconnecting'));
    return () => source.close();
  }, []);

  return { board, state, problem };
}
