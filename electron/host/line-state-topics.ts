import type { LineState } from '../../shared/bridge-machine';
import type { MachineConfig } from './machine-config';

/**
 * The line's live state for other plant systems (a unified namespace,
 * dashboards, the ERP's integration layer), under the ISA-95 equipment
 * hierarchy (IEC 62264: enterprise / site / area / line), one retained
 * message per aspect so a subscriber can take only what it needs:
 *   <e>/<s>/<a>/<l>/order      {"orderId","orderNumber","materialId","at"} or {"orderId":null,…}
 *   <e>/<s>/<a>/<l>/counts     {"good","scrap","machine","at"}
 *   <e>/<s>/<a>/<l>/machine    {"state","at"}
 *   <e>/<s>/<a>/<l>/stop       {"reasonId","since","at"} or {"reasonId":null,…}
 *   <e>/<s>/<a>/<l>/oee        {"shiftId","availability","performance","quality","oee","at"}
 *   <e>/<s>/<a>/<l>/jis        {"position","at"}
 */

export function lineTopicPrefix(c: Pick<MachineConfig, 'isaEnterprise' | 'isaSite' | 'isaArea' | 'isaLine'>): string | null {
  const levels = [c.isaEnterprise, c.isaSite, c.isaArea, c.isaLine];
  return levels.every((l) => !!l) ? levels.join('/') : null;
}

export function lineStateMessages(prefix: string, s: LineState, extra: { machineState: string | null; at: string }): { topic: string; payload: string }[] {
  const { at } = extra;
  const msg = (leaf: string, body: Record<string, unknown>) => ({ topic: `${prefix}/${leaf}`, payload: JSON.stringify({ ...body, at }) });
  return [
    msg('order', s.order ?? { orderId: null }),
    msg('counts', s.counts),
    msg('machine', { state: extra.machineState }),
    msg('stop', s.stopReason ?? { reasonId: null }),
    msg('oee', s.shiftOee ?? { shiftId: null, availability: null, performance: null, quality: null, oee: null }),
    msg('jis', { position: s.jisPosition ?? null }),
  ];
}
