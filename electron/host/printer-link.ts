/**
 * A byte pipe to a label printer, opened for one exchange and closed after
 * it. TCP port 9100 and serial ports look the same to the driver.
 */
export interface PrinterLink {
  /** For messages: `tcp://host:9100` or the serial path. */
  readonly target: string;
  open(): Promise<void>;
  write(data: string): Promise<void>;
  onData(listener: (chunk: Buffer) => void): () => void;
  /** Called when the other end goes away while open. */
  onClose(listener: (err?: Error) => void): () => void;
  close(): Promise<void>;
}

export type PrinterTarget = { kind: 'tcp'; host: string; port: number } | { kind: 'serial'; path: string };

/** `host:port` as `takt label print --printer` takes it: a name or IPv4 address, or an [IPv6] address, and a port. */
const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/**
 * `tcp://host:port` (port defaults to 9100, the raw printing port), `host:port`,
 * or a serial device path (`/dev/ttyUSB0`, `COM3`).
 */
export function parsePrinterTarget(value: string): PrinterTarget | null {
  const text = value.trim();
  if (text === '') return null;
  if (text.startsWith('tcp://')) {
    const url = new URL(text);
    return { kind: 'tcp', host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : 9100 };
  }
  const hostPort = HOST_PORT.exec(text);
  if (hostPort && Number(hostPort[2]) >= 1 && Number(hostPort[2]) <= 65535) {
    return { kind: 'tcp', host: hostPort[1]!.replace(/^\[|\]$/g, ''), port: Number(hostPort[2]) };
  }
  return { kind: 'serial', path: text };
}

/** Small listener set helper shared by the links. */
export function listeners<T extends unknown[]>() {
  const set = new Set<(...args: T) => void>();
  return {
    add(fn: (...args: T) => void) {
      set.add(fn);
      return () => void set.delete(fn);
    },
    emit(...args: T) {
      for (const fn of set) fn(...args);
    },
  };
}
