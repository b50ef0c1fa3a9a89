import { z } from 'zod';

/**
 * Frames of the browser transport (DESIGN §2): the bridge contract carried
 * over a loopback WebSocket at `/bridge`, opened with the page's session
 * cookie. The same calls and events as Electron IPC; only the framing differs.
 */
export const WS_PATH = '/bridge';
/** POST `{ code }`: a one-time pairing code from the URL earns the page its session cookie. */
export const PAIR_PATH = '/bridge/pair';
/** GET: 204 when the page holds a valid session cookie, 401 when it must be paired first. */
export const SESSION_PATH = '/bridge/session';
/** Close code for a client that another page replaced (one client at a time); it must not reconnect. */
export const CLOSE_REPLACED = 4000;
export const WS_MAX_FRAME_BYTES = 4 * 1024 * 1024;

export const ClientFrame = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  request: z.unknown(),
});
export type ClientFrame = z.infer<typeof ClientFrame>;

export const ServerFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('result'),
    id: z.number().int().nonnegative(),
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
    ]),
  }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;
