import { Icon } from '../icons';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { blockedLoads, executionOf } from '../../../shared/production';
import { OVERRIDE_BLOCK_REASONS } from '../../state/workflow-counts';
import { beep } from '../sound';
import { useApp } from '../store-context';
import './counts.css';

/**
 * A batch loaded on the open order that quality has blocked since (master
 * data reached the terminal while the order was open): red with icon and
 * text, a NOK sound when it appears, and what to do: scan a new batch of the
 * material, or a shift lead keeps it with a reason. Overridden ones stay
 * listed, in amber, naming that they were kept.
 */
export function BlockedBatchBanner() {
  const { t } = useTranslation();
  const orderId = useApp((s) => s.workflow.openOrderId);
  const production = useApp((s) => s.workflow.production);
  const blockedBatches = useApp((s) => s.workflow.master.blockedBatches);
  const materials = useApp((s) => s.materials);
  const busy = useApp((s) => s.workflow.busy);
  const override = useApp((s) => s.keepBlockedBatch);
  const loads = useMemo(() => (orderId ? blockedLoads(executionOf(production, orderId), blockedBatches) : []), [orderId, production, blockedBatches]);
  const open = loads.filter((l) => !l.overridden);
  const key = open.map((l) => `${l.materialId}:${l.batch}`).join('|');
  useEffect(() => {
    if (key) beep('nok');
  }, [key]);
  if (loads.length === 0) return null;
  const numberOf = (materialId: string) => materials[materialId]?.number ?? materialId;

  return (
    <>
      {open.map((l) => (
        <section key={l.materialId} className="blocked-banner" role="alert" data-testid="wf-blocked-banner" data-batch={l.batch}>
          <p className="blocked-banner-title">
            <Icon name="nok" />
            {t('counts.blocked.title', { batch: l.batch, material: numberOf(l.materialId), reason: l.blockReason })}
          </p>
          <p>{t('counts.blocked.what')}</p>
          <div className="blocked-banner-row">
            <span>{t('counts.blocked.overrideWith')}</span>
            {OVERRIDE_BLOCK_REASONS.map((r) => (
              <button key={r} type="button" className="btn" disabled={busy} onClick={() => override(l.materialId, t(`counts.blocked.reason.${r}`))} data-testid={`wf-blocked-override-${r}`}>
                {t(`counts.blocked.reason.${r}`)}
              </button>
            ))}
          </div>
        </section>
      ))}
      {loads
        .filter((l) => l.overridden)
        .map((l) => (
          <p key={l.materialId} className="blocked-kept" data-testid="wf-blocked-kept">
            <Icon name="warn" />
            {t('counts.blocked.kept', { batch: l.batch, material: numberOf(l.materialId), reason: l.blockReason })}
          </p>
        ))}
    </>
  );
}
