import { Socket } from 'node:net';
import { HostError } from './coded-error';
import { listeners, type PrinterLink } from './printer-link';

/** Raw TCP printing (port 9100): the socket carries ZPL in and ~HS answers out. */
export function createTcpLink(options: { host: string; port: number; connectTimeoutMs?: number }): PrinterLink {
  const { host, port } = options;
  const target = `tcp://${host}:${port}`;
  const data = listeners<[Buffer]>();
  const closed = listeners<[Error | undefined]>();
  let socket: Socket | undefined;

  return {
    target,
    open() {
      return new Promise((resolve, reject) => {
        const s = new Socket();
        const timer = setTimeout(() => {
          s.destroy();
          reject(new HostError('printer-offline', `printer ${target} did not accept a connection`));
        }, options.connectTimeoutMs ?? 3000);
        s.once('error', (err) => {
          clearTimeout(timer);
          reject(new HostError('printer-offline', `printer ${target} is not reachable: ${err.message}`, { cause: err }));
        });
        s.connect(port, host, () => {
          clearTimeout(timer);
          s.removeAllListeners('error');
          s.setNoDelay(true);
          s.on('data', (chunk) => data.emit(chunk));
          s.on('error', () => {}); // reported through 'close'
          s.on('close', (hadError) => {
            if (socket === s) {
              socket = undefined;
              closed.emit(hadError ? new Error('connection reset') : undefined);
            }
          });
          socket = s;
          resolve();
        });
      });
    },
    write(text) {
      const s = socket;
      if (!s) return Promise.reject(new HostError('printer-offline', `printer ${target}: connection lost`));
      return new Promise((resolve, reject) =>
        s.write(Buffer.from(text, 'latin1'), (err) => (err ? reject(new HostError('printer-offline', `printer ${target}: ${err.message}`)) : resolve())),
      );
    },
    onData: data.add,
    onClose: (fn) => closed.add(fn),
    async close() {
      const s = socket;
      socket = undefined;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.once('close', () => resolve());
        s.end();
        setTimeout(() => {
          s.destroy();
          resolve();
        }, 500).unref();
      });
    },
  };
}
