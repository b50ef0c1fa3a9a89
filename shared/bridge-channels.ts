/**
 * The names of every bridge call and event, free of zod so the sandboxed
 * preload can check channels without bundling the schemas. `bridge.ts` proves
 * at compile time that these lists and the schemas agree.
 */
export const CALL_NAMES = ['host:info', 'host:disk', 'scanner:status', 'sync:push', 'sync:pull', 'sync:status', 'printer:print', 'printer:status', 'log:write',
  'journal:head', 'journal:append', 'journal:read', 'journal:side', 'journal:print-jobs', 'journal:mirror',
  'machine:status', 'machine:take', 'machine:ack', 'machine:line-state'] as const;
export const EVENT_NAMES = ['scanner:scan', 'device:status', 'printer:status', 'machine:status', 'master:changed'] as const;

export type CallName = (typeof CALL_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

export function isCallName(value: unknown): value is CallName {
  return typeof value === 'string' && (CALL_NAMES as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}

/** The IPC channel prefix, so that no Takt channel collides with Electron's own. */
export const IPC_PREFIX = 'takt:';
