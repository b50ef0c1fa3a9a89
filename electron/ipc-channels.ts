import { IPC_PREFIX } from '../shared/bridge-channels';

/**
 * The two Electron IPC channels that carry the whole bridge. No imports but
 * bridge-channels, so the sandboxed preload stays free of zod and node.
 */
export const IPC_CALL_CHANNEL = `${IPC_PREFIX}call`;
export const IPC_EVENT_CHANNEL = `${IPC_PREFIX}event`;
