import { z } from 'zod';

/**
 * The machine connection of one terminal (terminal.json / TAKT_MQTT_*),
 * validated with the rest of the terminal config so a wrong value stops the
 * host with `config-invalid` naming the field.
 *
 * The default payload style is plain JSON: the gateways plants put in front
 * of a PLC (Node-RED, Kepware, the PLC's own MQTT client) publish JSON without
 * further setup, and it needs no Sparkplug session state (birth certificates,
 * a primary host). Sparkplug B (`sparkplug`) is there for plants whose broker
 * already is a Sparkplug namespace; its metrics are matched by name.
 */

/** MQTT 3.1.1 §4.7: `+` stands for one whole level, `#` only for the last. */
const topic = z
  .string()
  .min(1)
  .max(500)
  .refine((t) => t.split('/').every((l, i, all) => (l === '#' ? i === all.length - 1 : l === '+' || !/[#+]/.test(l))), 'an MQTT topic (wildcards only as whole levels, # last)');
const level = z.string().regex(/^[^/#+]{1,100}$/, 'one topic level: no "/", "#" or "+"');

export const MACHINE_CONFIG_FIELDS = {
  /** Empty = no machine connection. `mqtt://`, `mqtts://`, `ws://` or `wss://`. */
  mqttUrl: z.union([z.literal(''), z.url({ protocol: /^(mqtts?|wss?)$/ })]).default(''),
  mqttUsername: z.string().max(200).optional(),
  mqttPassword: z.string().max(500).optional(),
  mqttFormat: z.enum(['json', 'sparkplug']).default('json'),
  /** JSON: the part counter's topic, payload `{"counter": <cumulative count>, "ts": <ISO or epoch ms>}`. */
  mqttCounterTopic: topic.optional(),
  /** JSON: the machine state's topic, payload `{"state": "running|stopped|fault", "alarm": "E42", "ts": …}`. */
  mqttStateTopic: topic.optional(),
  /** Sparkplug B: the device's DDATA topic, e.g. `spBv1.0/Plant1/DDATA/Edge1/Press4`. */
  mqttSparkplugTopic: topic.optional(),
  mqttCounterMetric: z.string().min(1).max(200).default('Counter'),
  mqttStateMetric: z.string().min(1).max(200).default('State'),
  mqttAlarmMetric: z.string().min(1).max(200).default('Alarm'),
  /** The machine's id in the events; the terminal's id when absent. */
  machineId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, ".", "_" or "-", 1 to 64 characters').optional(),
  /** Cycles are journalled as one MachineCycle per this many seconds. */
  machineBatchSeconds: z.coerce.number().int().min(1).max(3600).default(60),
  /** No signal for longer than this = unqualified downtime (the machine or its link is gone). */
  machineGapSeconds: z.coerce.number().int().min(5).max(86_400).default(300),
  /** ISA-95 levels of the line-state topics: `<enterprise>/<site>/<area>/<line>/…`. */
  isaEnterprise: level.optional(),
  isaSite: level.optional(),
  isaArea: level.optional(),
  isaLine: level.optional(),
};

export const MACHINE_CONFIG_ENV = {
  mqttUrl: 'TAKT_MQTT_URL',
  mqttUsername: 'TAKT_MQTT_USERNAME',
  mqttPassword: 'TAKT_MQTT_PASSWORD',
  mqttFormat: 'TAKT_MQTT_FORMAT',
  mqttCounterTopic: 'TAKT_MQTT_COUNTER_TOPIC',
  mqttStateTopic: 'TAKT_MQTT_STATE_TOPIC',
  mqttSparkplugTopic: 'TAKT_MQTT_SPARKPLUG_TOPIC',
  mqttCounterMetric: 'TAKT_MQTT_COUNTER_METRIC',
  mqttStateMetric: 'TAKT_MQTT_STATE_METRIC',
  mqttAlarmMetric: 'TAKT_MQTT_ALARM_METRIC',
  machineId: 'TAKT_MACHINE_ID',
  machineBatchSeconds: 'TAKT_MACHINE_BATCH_SECONDS',
  machineGapSeconds: 'TAKT_MACHINE_GAP_SECONDS',
  isaEnterprise: 'TAKT_ISA_ENTERPRISE',
  isaSite: 'TAKT_ISA_SITE',
  isaArea: 'TAKT_ISA_AREA',
  isaLine: 'TAKT_ISA_LINE',
} as const satisfies Record<keyof typeof MACHINE_CONFIG_FIELDS, string>;

export type MachineConfig = z.infer<z.ZodObject<typeof MACHINE_CONFIG_FIELDS>>;

/** A connection without topics would subscribe to nothing: said at start, not discovered on the line. */
export function machineConfigProblem(c: MachineConfig): { field: keyof MachineConfig; message: string } | null {
  if (!c.mqttUrl) return null;
  if (c.mqttFormat === 'json' && !c.mqttCounterTopic && !c.mqttStateTopic) return { field: 'mqttCounterTopic', message: 'a JSON machine connection needs a counter or state topic' };
  if (c.mqttFormat === 'sparkplug' && !c.mqttSparkplugTopic) return { field: 'mqttSparkplugTopic', message: 'a Sparkplug machine connection needs the device topic' };
  return null;
}

/** The settings of a terminal without a machine connection (tests and tools that build a config by hand). */
export const MACHINE_CONFIG_DEFAULTS: MachineConfig = z.object(MACHINE_CONFIG_FIELDS).parse({});
