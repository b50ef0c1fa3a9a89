import { Icon, type IconName } from '../icons';
import { useTranslation } from 'react-i18next';
import { positionStatus, type JisState, type PositionState } from '../../../shared/jis';
import type { Operator } from '../../../shared/master-data';

interface JisChainProps {
  title: string;
  positions: PositionState[];
  jis: JisState;
  operators: Operator[];
  testId: string;
  /** Next positions: a touch button per position to pull it ahead (a break, approved by a shift lead). */
  onPullAhead?: (sequenceNumber: number) => void;
  actionsDisabled?: boolean;
}

/** The icon beside each position status word (the word says the same). */
const STATUS_ICON: Partial<Record<string, IconName>> = { verified: 'ok', overridden: 'override', skipped: 'skip', 'pulled-ahead': 'pullAhead', cancelled: 'nok' };

/** Next and done positions; a done one shows its status as icon + text, not colour alone. */
export function JisChain({ title, positions, jis, operators, testId, onPullAhead, actionsDisabled = false }: JisChainProps) {
  const { t } = useTranslation();
  const nameOf = (id: string) => operators.find((o) => o.id === id)?.name ?? id;
  return (
    <section aria-label={title}>
      <h2 className="screen-hint">{title}</h2>
      <ol className="jis-chain" data-testid={testId}>
        {positions.map((p) => {
          const n = p.data.sequenceNumber;
          const pulled = jis.breaks.some((b) => b.kind === 'pulled-ahead' && b.sequenceNumber === n);
          const status = positionStatus(p);
          const shown = status === 'open' && pulled ? 'pulled-ahead' : status;
          return (
            <li key={n} className={`st-${shown}`} data-testid={`jis-pos-${n}`} data-status={shown}>
              <span className="jis-seq">{n}</span>
              <span>{p.data.vehicleNumber}</span>
              <span className="nowrap">
                {p.data.customerPartNumber}
                {p.data.variant ? ` / ${p.data.variant}` : ''}
              </span>
              {status !== 'open' && (
                <strong data-testid={`jis-pos-${n}-status`}>
                  <Icon name={STATUS_ICON[shown] ?? 'open'} /> {t(`jis.status.${shown}`)}
                </strong>
              )}
              {pulled && status !== 'open' && (
                <span>
                  <Icon name="pullAhead" /> {t('jis.status.pulled-ahead')}
                </span>
              )}
              {p.build?.kind === 'overridden' && (
                <span data-testid={`jis-pos-${n}-built`}>
                  {t('jis.builtInstead')} <strong className="nowrap">{p.build.part}</strong>
                </span>
              )}
              {p.build?.reason && (
                <span data-testid={`jis-pos-${n}-reason`}>{t('jis.overrideReasonShown', { reason: t(`jis.override.reasons.${p.build.reason}`, { defaultValue: p.build.reason }) })}</span>
              )}
              {p.build?.approvedBy && <span>{t('jis.approvedBy', { name: nameOf(p.build.approvedBy) })}</span>}
              {p.skipped && <span>{t('jis.approvedBy', { name: nameOf(p.skipped.approvedBy) })}</span>}
              {p.skipped && <span data-testid={`jis-pos-${n}-break`}>{t('jis.breakReasonShown', { reason: t(`jis.break.reasons.${p.skipped.reason}`, { defaultValue: p.skipped.reason }) })}</span>}
              {onPullAhead && status === 'open' && (
                <button type="button" className="btn btn-secondary jis-btn-big jis-pull" disabled={actionsDisabled} onClick={() => onPullAhead(n)} data-testid={`jis-pull-${n}`}>
                  <Icon name="pullAhead" />
                  {t('jis.break.pullAhead')}
                </button>
              )}
              {p.changedAfterBuild && (
                <strong>
                  <Icon name="warn" />
                  {t('jis.changedAfterBuild')}
                </strong>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
