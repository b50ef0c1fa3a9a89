import { z } from 'zod';
import { BRIDGE_CALLS, type HostHandlers } from './bridge';
import { isCallName, type CallName } from './bridge-channels';
import { toCodedError, type Result } from './errors';

/**
 * The host runs in Node, where zod may generate a parser for a schema
 * (`z.compile`): the sync push's up to 2,000 envelopes parse in about half the
 * time (bench/sync-chromium.ts, the host's CPU per event). A request it refuses
 * is parsed again by the schema itself, so the coded error names the same
 * issues. Only the bulk channel; the others are small and stay as they are.
 */
const COMPILED: Partial<Record<CallName, z.ZodType>> = { 'sync:push': z.compile(BRIDGE_CALLS['sync:push'].request) };

/**
 * The one place where a request from the renderer meets a host service, used
 * by both transports: unknown channels are refused, every request is parsed by
 * its schema, and every failure becomes a coded error instead of a throw.
 */
export async function dispatchBridgeCall(
  handlers: HostHandlers,
  channel: unknown,
  request: unknown,
): Promise<Result<unknown>> {
  if (!isCallName(channel)) {
    return { ok: false, error: { code: 'unknown-channel', message: `Unknown bridge channel: ${String(channel).slice(0, 64)}` } };
  }
  const parsed = (COMPILED[channel] ?? BRIDGE_CALLS[channel].request).safeParse(request ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'bad-request', message: `${channel}: ${detail}` } };
  }
  try {
    const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    return { ok: false, error: toCodedError(err) };
  }
}
