/**
 * The pages' only way to the server: same-origin fetch with the session
 * cookie, and on every write the session's CSRF token in X-CSRF-Token.
 * Errors come back as the server's `{ code, message }`, never thrown raw.
 */

export interface ApiError {
  status: number;
  code: string;
  message: string;
  /** A refused import names each bad row (row 0: the file as a whole). */
  rows?: RowProblem[];
}

export interface RowProblem {
  row: number;
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch {
    return { ok: false, error: { status: 0, code: 'server-unreachable', message: 'server unreachable' } };
  }
  const json = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return { ok: true, value: json as T };
  const error = (json as { error?: { code?: string; message?: string; rows?: RowProblem[] } } | null)?.error;
  return {
    ok: false,
    error: { status: res.status, code: error?.code ?? 'server-error', message: error?.message ?? res.statusText, ...(Array.isArray(error?.rows) ? { rows: error.rows } : {}) },
  };
}

export const enc = encodeURIComponent;
