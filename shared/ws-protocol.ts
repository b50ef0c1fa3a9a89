import { z } from 'zod';

/**
 * Frames of the browser transport (DESIGN §2): the bridge contract carried
 * over a loopback WebSocket at `/bridge?token=…`. The same calls and events as
 * Electron IPC; only the framing differs.
 */
export const WS_PATH = '/bridge';
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
