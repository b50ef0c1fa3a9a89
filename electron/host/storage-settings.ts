import type { HostInfo } from '../../shared/bridge';
import type { TerminalConfig } from './config';

/**
 * The storage part of `host:info`: the space guard's thresholds and the
 * retention age from the terminal config, in the units the renderer works
 * in (bytes, a 0..1 share, ms). Fields not configured are left out, so the
 * renderer keeps its own defaults for them.
 */
export function storageInfo(config: TerminalConfig): Pick<HostInfo, 'storage' | 'retentionMaxAgeMs'> {
  const storage = {
    ...(config.storageMinFreeMb !== undefined ? { minFreeBytes: config.storageMinFreeMb * 1024 * 1024 } : {}),
    ...(config.storageMaxQuotaPercent !== undefined ? { maxQuotaUse: config.storageMaxQuotaPercent / 100 } : {}),
    ...(config.storageCheckSeconds !== undefined ? { refreshMs: config.storageCheckSeconds * 1000 } : {}),
  };
  return {
    ...(Object.keys(storage).length > 0 ? { storage } : {}),
    ...(config.retentionDays !== undefined ? { retentionMaxAgeMs: Math.round(config.retentionDays * 24 * 3600_000) } : {}),
  };
}
