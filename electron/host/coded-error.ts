import type { CodedError, ErrorCode } from '../../shared/errors';

/**
 * An Error that carries a stable code, so that `toCodedError` (and thus the
 * bridge) keeps the code while stack traces stay available in host logs.
 */
export class HostError extends Error implements CodedError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HostError';
    this.code = code;
  }
}

export function isHostError(err: unknown): err is HostError {
  return err instanceof HostError;
}
