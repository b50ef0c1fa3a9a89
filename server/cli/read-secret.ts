import { UsageError, type CliIo, type SecretInput } from './io';

/**
 * A password for an admin command, never from argv (where `ps` and the shell
 * history would keep it): typed at a prompt with echo off, or piped in as the
 * first line of stdin (`printf '%s\n' "$PW" | takt user add …`).
 */
export async function readSecret(io: CliIo, prompt: string): Promise<string> {
  const input = io.stdin ?? (process.stdin as unknown as SecretInput);
  if (input.isTTY && input.setRawMode && input.on && input.off) return promptHidden(io, input, prompt);
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (text.includes('\n') || text.length > 4096) break;
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new UsageError('no password on stdin (pipe it in as the first line, or run in a terminal to be asked)');
  return line;
}

function promptHidden(io: CliIo, input: SecretInput, prompt: string): Promise<string> {
  io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error): void => {
      input.off?.('data', onData);
      input.setRawMode?.(false);
      input.pause?.();
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const char of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004') return finish(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.setRawMode?.(true);
    input.resume?.();
    input.on?.('data', onData);
  });
}
