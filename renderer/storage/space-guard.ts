import type { CodedError } from '../../shared/errors';
import type { Timers } from '../bridge/types';

/**
 * Space guard (DESIGN §4): bookings are refused with `storage-low` before the
 * disk or the browser's quota runs out, so an append never meets a full disk
 * half way. Two figures: the host's free disk (`host:disk`) and the origin's
 * quota (`navigator.storage.estimate()`). The decision is pure; the guard
 * keeps the last one so the journal can consult it synchronously per append.
 */

export interface SpacePolicy {
  /** Refuse when the host reports less free disk than this. */
  minFreeBytes: number;
  /** Refuse when the origin uses more than this share of its quota (0..1). */
  maxQuotaUse: number;
  /** How often the figures are refreshed. */
  refreshMs: number;
}

export const DEFAULT_SPACE_POLICY: SpacePolicy = { minFreeBytes: 200 * 1024 * 1024, maxQuotaUse: 0.95, refreshMs: 30_000 };

export interface SpaceFigures {
  /** Host disk free, when the host answered. */
  hostFreeBytes?: number;
  /** Origin quota and usage, when the browser answered. */
  quotaBytes?: number;
  usageBytes?: number;
}

/** Why bookings are refused, with the figures the operator's sentence needs (see storage-refusal.ts). */
export type StorageShortage = { reason: 'disk'; freeMb: number; neededMb: number } | { reason: 'quota'; usedPercent: number; limitPercent: number };

/** A `storage-low` refusal; `message` is English for logs, `shortage` is what the UI translates. */
export interface StorageRefusal extends CodedError {
  code: 'storage-low';
  shortage: StorageShortage;
}

/** A refusal's error is a StorageRefusal when assessSpace made it; typed as any coded error so status fixtures stay simple. */
export type SpaceVerdict = { ok: true; figures: SpaceFigures } | { ok: false; figures: SpaceFigures; error: CodedError };

const MB = 1024 * 1024;
const mb = (bytes: number) => `${Math.floor(bytes / MB)} MB`;

/** Pure: refuse when either figure is past its threshold; unknown figures do not refuse. */
export function assessSpace(figures: SpaceFigures, policy: SpacePolicy = DEFAULT_SPACE_POLICY): SpaceVerdict {
  const refuse = (error: StorageRefusal): SpaceVerdict => ({ ok: false, figures, error });
  if (figures.hostFreeBytes !== undefined && figures.hostFreeBytes < policy.minFreeBytes) {
    return refuse({
      code: 'storage-low',
      message: `Storage almost full: ${mb(figures.hostFreeBytes)} free on the terminal's disk, at least ${mb(policy.minFreeBytes)} needed. Nothing was booked; ask IT to free space.`,
      shortage: { reason: 'disk', freeMb: Math.floor(figures.hostFreeBytes / MB), neededMb: Math.floor(policy.minFreeBytes / MB) },
    });
  }
  if (figures.quotaBytes !== undefined && figures.usageBytes !== undefined && figures.quotaBytes > 0) {
    const share = figures.usageBytes / figures.quotaBytes;
    if (share > policy.maxQuotaUse) {
      const usedPercent = Math.round(share * 100);
      const limitPercent = Math.round(policy.maxQuotaUse * 100);
      return refuse({
        code: 'storage-low',
        message: `Storage almost full: ${usedPercent} % of the browser quota in use (limit ${limitPercent} %). Nothing was booked; ask IT to free space.`,
        shortage: { reason: 'quota', usedPercent, limitPercent },
      });
    }
  }
  return { ok: true, figures };
}

export interface SpaceSources {
  hostDisk(): Promise<{ freeBytes: number } | null>;
  estimate(): Promise<{ quota?: number; usage?: number } | null>;
}

export class SpaceGuard {
  private verdict: SpaceVerdict = { ok: true, figures: {} };
  private timer: unknown = null;
  private running = false;
  private listeners = new Set<(v: SpaceVerdict) => void>();

  constructor(
    private readonly sources: SpaceSources,
    private readonly timers: Timers,
    private readonly policy: SpacePolicy = DEFAULT_SPACE_POLICY,
  ) {}

  get current(): SpaceVerdict {
    return this.verdict;
  }

  /** For Journal.setAppendGuard: the refusal, or null when there is room. */
  readonly check = (): CodedError | null => (this.verdict.ok ? null : this.verdict.error);

  onChange(listener: (v: SpaceVerdict) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async refresh(): Promise<SpaceVerdict> {
    const [disk, estimate] = await Promise.all([this.sources.hostDisk().catch(() => null), this.sources.estimate().catch(() => null)]);
    const figures: SpaceFigures = {
      ...(disk ? { hostFreeBytes: disk.freeBytes } : {}),
      ...(typeof estimate?.quota === 'number' ? { quotaBytes: estimate.quota } : {}),
      ...(typeof estimate?.usage === 'number' ? { usageBytes: estimate.usage } : {}),
    };
    this.verdict = assessSpace(figures, this.policy);
    for (const l of this.listeners) l(this.verdict);
    return this.verdict;
  }

  /** Refreshes now and then every `refreshMs`; resolves after the first refresh. */
  start(): Promise<SpaceVerdict> {
    this.running = true;
    const tick = () => {
      if (this.running) this.timer = this.timers.setTimeout(() => void this.refresh().finally(tick), this.policy.refreshMs);
    };
    return this.refresh().finally(tick);
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
