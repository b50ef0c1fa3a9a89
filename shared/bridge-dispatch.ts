import { BRIDGE_CALLS, type HostHandlers } from './bridge';
import { isCallName } from './bridge-channels';
import { toCodedError, type Result } from './errors';

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
  const parsed = BRIDGE_CALLS[channel].request.safeParse(request ?? {});
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
