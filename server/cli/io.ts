/** Where a CLI command writes and what it reads from its surroundings; injected so tests need no child process. */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** Defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Stops `takt server`; defaults to SIGINT/SIGTERM. */
  signal?: AbortSignal;
  /** Where secrets are read from (a password for `takt user add`); defaults to process.stdin. */
  stdin?: SecretInput;
}

/** The part of a readable stream a password prompt needs. */
export interface SecretInput extends AsyncIterable<string | Buffer> {
  isTTY?: boolean | undefined;
  setRawMode?: ((raw: boolean) => unknown) | undefined;
  on?(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off?(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume?(): unknown;
  pause?(): unknown;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A wrong invocation: reported with the usage text and exit code 2. */
export class UsageError extends Error {}

export function envOf(io: CliIo): Record<string, string | undefined> {
  return io.env ?? process.env;
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}
