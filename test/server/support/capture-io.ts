import type { CliIo } from '../../../server/cli/index';

/** A CliIo that records what a command prints. */
export interface CapturedIo extends CliIo {
  out: () => string;
  err: () => string;
}

export function captureIo(env: Record<string, string | undefined> = {}, signal?: AbortSignal): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    env: { TAKT_LOG_LEVEL: 'silent', ...env },
    ...(signal ? { signal } : {}),
    out: () => out,
    err: () => err,
  };
}
