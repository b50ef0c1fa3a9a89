import mqtt, { type MqttClient } from 'mqtt';
import type { LineState, MachineItem, MachineStatus } from '../../shared/bridge-machine';
import { MachineBatcher } from './machine-batcher';
import type { MachineConfig } from './machine-config';
import { decodeMachineMessage, type PayloadRules } from './machine-payload';
import type { MachineSignalStore } from './machine-signal-store';
import { hostLogger } from './log-file';
import { lineStateMessages, lineTopicPrefix } from './line-state-topics';

/**
 * The machine on the plant's MQTT broker: subscribes to its topics, turns
 * messages into journal items (machine-batcher.ts) kept durably until the
 * renderer has journalled them (machine-signal-store.ts), and publishes the
 * line's state back, retained. A broker that is down is retried with
 * exponential backoff (1 s doubling to 60 s); a bad payload is counted and
 * logged, never thrown.
 */

export interface MachineService {
  start(): void;
  stop(): Promise<void>;
  status(): MachineStatus;
  take(limit: number): MachineItem[];
  ack(ids: readonly string[]): number;
  publishLineState(state: LineState): Promise<boolean>;
  onStatus(listener: (s: MachineStatus) => void): () => void;
}

export interface MachineServiceOptions {
  config: MachineConfig;
  terminalId: string;
  store: MachineSignalStore;
  clock?: () => number;
  tickMs?: number;
  backoff?: { minMs: number; maxMs: number };
}

const log = hostLogger('machine');

export function createMachineService(o: MachineServiceOptions): MachineService {
  const { config, store } = o;
  const clock = o.clock ?? Date.now;
  const backoff = o.backoff ?? { minMs: 1_000, maxMs: 60_000 };
  const machineId = config.machineId ?? o.terminalId;
  const batcher = new MachineBatcher({ machineId, batchMs: config.machineBatchSeconds * 1000, gapMs: config.machineGapSeconds * 1000 }, store.memory() ?? undefined);
  const rules: PayloadRules = {
    format: config.mqttFormat,
    counterTopic: config.mqttCounterTopic,
    stateTopic: config.mqttStateTopic,
    counterMetric: config.mqttCounterMetric,
    stateMetric: config.mqttStateMetric,
    alarmMetric: config.mqttAlarmMetric,
  };
  const topics = (config.mqttFormat === 'sparkplug' ? [config.mqttSparkplugTopic] : [config.mqttCounterTopic, config.mqttStateTopic]).filter((t): t is string => !!t);
  const listeners = new Set<(s: MachineStatus) => void>();
  const counts = { received: 0, malformed: 0, unknown: 0 };
  let link: MachineStatus['state'] = config.mqttUrl ? 'disconnected' : 'not-configured';
  let message: string | undefined = config.mqttUrl ? 'connecting' : 'no machine connection configured (TAKT_MQTT_URL)';
  let lastProblem: string | undefined;
  let retryInMs: number | undefined;
  let delay = backoff.minMs;
  let client: MqttClient | null = null;
  let ticker: ReturnType<typeof setInterval> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const status = (): MachineStatus => ({
    state: link,
    ...(config.mqttUrl ? { broker: redactUrl(config.mqttUrl), format: config.mqttFormat } : {}),
    ...(message ? { message } : {}),
    ...counts,
    pending: store.pending(),
    ...(batcher.memory.lastSignalAt ? { lastSignalAt: new Date(batcher.memory.lastSignalAt).toISOString() } : {}),
    ...(lastProblem ? { lastProblem } : {}),
    ...(retryInMs !== undefined ? { retryInMs } : {}),
  });
  const publish = (): void => {
    const s = status();
    for (const l of listeners) l(s);
  };
  const keep = (items: MachineItem[]): void => {
    store.put(items, batcher.memory);
    if (items.length) publish();
  };

  const onMessage = (topic: string, payload: Buffer): void => {
    try {
      const decoded = decodeMachineMessage(topic, payload, rules, clock());
      if (!decoded.ok) {
        counts[decoded.problem] += 1;
        lastProblem = decoded.message.slice(0, 300);
        log.warn(`${decoded.problem} machine payload: ${lastProblem}`);
        publish();
        return;
      }
      counts.received += decoded.signals.length;
      for (const s of decoded.signals) keep(batcher.signal(s, clock()));
    } catch (err) {
      counts.malformed += 1;
      lastProblem = `${topic}: ${(err as Error).message}`.slice(0, 300);
      log.error('machine payload failed', err);
      publish();
    }
  };

  const scheduleRetry = (): void => {
    if (stopped || retry) return;
    retryInMs = delay;
    retry = setTimeout(() => {
      retry = null;
      retryInMs = undefined;
      client?.reconnect();
    }, delay);
    delay = Math.min(delay * 2, backoff.maxMs);
  };

  return {
    start() {
      if (!config.mqttUrl) {
        publish();
        return;
      }
      stopped = false;
      client = mqtt.connect(config.mqttUrl, {
        ...(config.mqttUsername ? { username: config.mqttUsername } : {}),
        ...(config.mqttPassword ? { password: config.mqttPassword } : {}),
        clientId: `takt-${o.terminalId}`,
        clean: false,
        reconnectPeriod: 0,
        connectTimeout: 5_000,
      });
      client.on('connect', () => {
        delay = backoff.minMs;
        link = 'connected';
        message = undefined;
        client!.subscribe(topics, { qos: 1 }, (err) => err && log.error('subscribe failed', err));
        publish();
      });
      client.on('message', onMessage);
      client.on('error', (err) => {
        message = err.message;
      });
      client.on('close', () => {
        if (stopped) return;
        link = 'disconnected';
        message = message && message !== 'connecting' ? message : 'broker unreachable';
        scheduleRetry();
        publish();
      });
      ticker = setInterval(() => keep(batcher.tick(clock())), o.tickMs ?? 1_000);
    },
    async stop() {
      stopped = true;
      if (ticker) clearInterval(ticker);
      if (retry) clearTimeout(retry);
      ticker = retry = null;
      const c = client;
      client = null;
      if (c) await c.endAsync(true).catch(() => undefined);
    },
    status,
    take: (limit) => store.take(limit),
    ack: (ids) => {
      const n = store.ack(ids);
      publish();
      return n;
    },
    async publishLineState(state) {
      const prefix = lineTopicPrefix(config);
      if (!client || link !== 'connected' || !prefix) return false;
      const at = new Date(clock()).toISOString();
      const messages = lineStateMessages(prefix, state, { machineState: batcher.memory.gapOpen ? 'no-signal' : (batcher.memory.lastState ?? null), at });
      await Promise.all(messages.map((m) => client!.publishAsync(m.topic, m.payload, { qos: 1, retain: true })));
      return true;
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return 'invalid url';
  }
}
