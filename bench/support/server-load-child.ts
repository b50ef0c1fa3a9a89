/**
 * A load-generator process of `npm run bench -- server`: simulates its share
 * of the terminals as concurrent HTTP clients with keep-alive, each booking
 * `rate` events a second and pushing what is pending (at most `maxPerPush`
 * events) one push at a time, as the terminal's sync worker does. It prints
 * one JSON line: every push's latency, every event's booking-to-ack latency,
 * and the events acknowledged within the booking window. The parent runs
 * one or two of these, pinned away from the server when it measures one core.
 */
import { Agent, request } from 'node:http';
import { mixEvent } from './server-load';

export interface LoadConfig {
  url: string;
  terminals: [string, string][];
  rate: number;
  maxPerPush: number;
  seconds: number;
  /** Epoch ms at which every load process starts booking, so their windows line up. */
  startAt: number;
}

export interface LoadOutcome {
  pushMs: number[];
  ackMs: number[];
  pushes: number;
  eventsAcked: number;
  errors: number;
  cpuMs: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

function post(url: URL, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, path: '/api/v1/sync/push', method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

async function runLoad(config: LoadConfig): Promise<LoadOutcome> {
  const url = new URL(config.url);
  const interval = 1000 / config.rate;
  const until = config.startAt + config.seconds * 1000;
  const out: LoadOutcome = { pushMs: [], ackMs: [], pushes: 0, eventsAcked: 0, errors: 0, cpuMs: 0 };
  await new Promise((r) => setTimeout(r, Math.max(0, config.startAt - Date.now())));
  const cpu0 = process.cpuUsage();
  await Promise.all(
    config.terminals.map(([terminalId, token]) => {
      let acked = 0;
      const bookedAt: number[] = [];
      let inFlight = false;
      let done: () => void = () => {};
      const finished = new Promise<void>((r) => (done = r));
      const pushPending = async (): Promise<void> => {
        if (inFlight || bookedAt.length === 0) return;
        inFlight = true;
        const n = Math.min(config.maxPerPush, bookedAt.length);
        const events = Array.from({ length: n }, (_, i) => mixEvent(terminalId, acked + 1 + i));
        const t0 = performance.now();
        try {
          const res = await post(url, token, JSON.stringify({ terminalId, events }));
          const ackSeq = (JSON.parse(res.text) as { ackSeq?: number }).ackSeq;
          if (res.status !== 200 || ackSeq !== acked + n) throw new Error(`push ${res.status}: ${res.text}`);
          const now = performance.now();
          if (Date.now() <= until) {
            out.pushMs.push(now - t0);
            out.pushes += 1;
            out.eventsAcked += n;
            for (let i = 0; i < n; i++) out.ackMs.push(now - bookedAt[i]!);
          }
          bookedAt.splice(0, n);
          acked += n;
        } catch {
          out.errors += 1;
        }
        inFlight = false;
        if (Date.now() < until) void pushPending();
        else done();
      };
      // Each terminal starts at its own phase in the first interval, as a fleet does.
      let next = config.startAt + Math.random() * interval;
      const book = (): void => {
        if (next >= until) {
          if (!inFlight) done();
          return;
        }
        bookedAt.push(performance.now());
        next += interval;
        void pushPending();
        setTimeout(book, Math.max(0, next - Date.now()));
      };
      setTimeout(book, Math.max(0, next - Date.now()));
      return finished;
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  out.cpuMs = (cpu.user + cpu.system) / 1000;
  return out;
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c: string) => (input += c));
process.stdin.on('end', () => {
  void runLoad(JSON.parse(input) as LoadConfig).then((outcome) => {
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
    agent.destroy();
  });
});
