import { z } from 'zod';
import { isErrorCode, type Result } from '../../shared/errors';
import { BRIDGE_CALLS, BRIDGE_EVENTS, type CallName, type CallResponse, type EventName, type EventPayload } from '../../shared/bridge';
import { PUSH_MAX_EVENTS } from '../../shared/sync-protocol';
import { INVALID_RESPONSE } from './types';

/**
 * Runtime validation at the renderer's edge of the bridge (DESIGN §9): every
 * request before it leaves, every result and event as it arrives. A malformed
 * answer becomes a coded error, never a value the UI trusts.
 */

const RawResult = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
}

/**
 * Requests checked here by their outer shape only. A sync push carries the
 * journal's own envelopes, each checked when it was appended, and the host
 * parses the whole request by its schema on arrival (shared/bridge-dispatch.ts),
 * the server once more; parsing up to 2,000 envelopes here as well, without
 * zod's generated code (the CSP), cost ~15 µs per event on the UI thread, a
 * quarter of the page's CPU while a backlog drains (bench/sync-chromium.ts).
 * A broken envelope still gets its coded error (bad-request) from the host.
 */
const SHAPE_ONLY: Partial<Record<CallName, z.ZodType>> = {
  'sync:push': z.object({ events: z.array(z.unknown()).max(PUSH_MAX_EVENTS) }),
};

export function checkRequest<C extends CallName>(channel: C, request: unknown): Result<never> | null {
  const parsed = (SHAPE_ONLY[channel] ?? BRIDGE_CALLS[channel].request).safeParse(request ?? {});
  if (parsed.success) return null;
  return { ok: false, error: { code: 'bad-request', message: `${channel}: ${describe(parsed.error)}` } };
}

export function toCallResult<C extends CallName>(channel: C, raw: unknown): Result<CallResponse<C>> {
  const result = RawResult.safeParse(raw);
  if (!result.success) {
    return { ok: false, error: { code: INVALID_RESPONSE, message: `${channel}: malformed result: ${describe(result.error)}` } };
  }
  if (!result.data.ok) {
    const { code, message } = result.data.error;
    // Host and renderer ship together, so a code outside the closed set is a defect: keep it readable, never pass it on.
    return { ok: false, error: isErrorCode(code) ? { code, message } : { code: INVALID_RESPONSE, message: `${channel}: unknown error code ${code}: ${message}` } };
  }
  const value = BRIDGE_CALLS[channel].response.safeParse(result.data.value);
  if (!value.success) {
    return { ok: false, error: { code: INVALID_RESPONSE, message: `${channel}: ${describe(value.error)}` } };
  }
  return { ok: true, value: value.data as CallResponse<C> };
}

export function parseEvent<E extends EventName>(event: E, payload: unknown): EventPayload<E> | null {
  const parsed = BRIDGE_EVENTS[event].safeParse(payload);
  return parsed.success ? (parsed.data as EventPayload<E>) : null;
}
