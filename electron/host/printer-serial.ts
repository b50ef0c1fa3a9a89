import { SerialPort } from 'serialport';
import { HostError } from './coded-error';
import { listeners, type PrinterLink } from './printer-link';
import type { PortLike } from './serial-scanner';

/** A label printer on a serial port (USB-serial or RS-232), 8N1. */
export interface SerialLinkOptions {
  path: string;
  baudRate: number;
  /** Test seam, as for the scanner. */
  openPort?: (options: { path: string; baudRate: number }) => PortLike & { write(data: Buffer, cb: (err?: Error | null) => void): boolean; drain(cb: (err?: Error | null) => void): void };
}

export function createSerialLink(options: SerialLinkOptions): PrinterLink {
  const { path, baudRate } = options;
  const openPort = options.openPort ?? ((o) => new SerialPort({ ...o, autoOpen: false }));
  const data = listeners<[Buffer]>();
  const closed = listeners<[Error | undefined]>();
  let port: ReturnType<typeof openPort> | undefined;

  return {
    target: path,
    open() {
      return new Promise((resolve, reject) => {
        let p: ReturnType<typeof openPort>;
        try {
          p = openPort({ path, baudRate });
        } catch (err) {
          reject(new HostError('printer-offline', `printer ${path}: ${(err as Error).message}`));
          return;
        }
        p.on('error', () => {});
        p.open((err) => {
          if (err) return reject(new HostError('printer-offline', `printer ${path} cannot be opened: ${err.message}`, { cause: err }));
          p.on('data', (chunk) => data.emit(chunk));
          p.on('close', (e?: Error | null) => {
            if (port === p) {
              port = undefined;
              closed.emit(e ?? undefined);
            }
          });
          port = p;
          resolve();
        });
      });
    },
    write(text) {
      const p = port;
      if (!p) return Promise.reject(new HostError('printer-offline', `printer ${path}: port closed`));
      return new Promise((resolve, reject) => {
        p.write(Buffer.from(text, 'latin1'), (err) => {
          if (err) return reject(new HostError('printer-offline', `printer ${path}: ${err.message}`));
          p.drain((e) => (e ? reject(new HostError('printer-offline', `printer ${path}: ${e.message}`)) : resolve()));
        });
      });
    },
    onData: data.add,
    onClose: (fn) => closed.add(fn),
    async close() {
      const p = port;
      port = undefined;
      if (p?.isOpen) await new Promise<void>((resolve) => p.close(() => resolve()));
    },
  };
}
