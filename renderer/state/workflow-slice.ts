import {
  approveOverride,
  bookGoodPart,
  bookGoodQuantity,
  checkMaterialScan,
  closeContainer,
  packParts,
  pauseOrder,
  refuseIfBlockedLoad,
  resumeOrder,
  startOrder,
  type DomainEvent,
  type OrderExecution,
} from '../../shared/production';
import { newId } from '../../shared/ids';
import { markScanStage } from '../lib/scan-stages';
import { initialLogin } from './login-logic';
import type { StoreDeps } from './deps';
import { routeOrderScan, type OrderScanCommand } from './order-scan';
import type { SliceCreator } from './types';
import { createCountActions } from './workflow-counts';
import { createHandoverActions } from './workflow-handover';
import { createWorkflowKit } from './workflow-kit';
import { createLabelActions } from './workflow-labels';
import { createProductionLoading } from './workflow-production';
import { loadWorkflowMaster, type VerdictParams } from './workflow-logic';
import { createScrapActions } from './workflow-scrap';
import { selectWorkflowConfig } from './workflow-settings';
import { initialWorkflow, type WorkflowSlice } from './workflow-state';
import { createTraceActions } from './workflow-trace';

/**
 * The workflow slice: the order screen's scans (routed by order-scan.ts, one
 * at a time), the order lifecycle and good bookings; scrap, handover, labels,
 * trace and the count questions are pieces over the same kit.
 */

export const createWorkflowSlice =
  (deps: StoreDeps): SliceCreator<WorkflowSlice> =>
  (set, get) => {
    const kit = createWorkflowKit(deps, set, get);
    const { wf, patch, verdict, refuse, context, record, run } = kit;
    const labels = createLabelActions(kit);
    const { queueLabels, ...labelActions } = labels;
    const { handOver, ...handoverActions } = createHandoverActions(kit);
    const { trace, ...traceActions } = createTraceActions(kit);
    let scanChain: Promise<void> = Promise.resolve();

    const production = createProductionLoading(deps, get, wf, patch);

    async function handleScan(raw: string): Promise<void> {
      if (get().approvalScan(raw)) return; // the approver's badge, while an approval waits
      const c = context();
      if (!c) return;
      const s = c.s;
      const command = routeOrderScan(raw, {
        operators: s.operators,
        orders: s.orders,
        materials: c.materials,
        waitingForAck: s.workflow.verdict?.tone === 'nok',
        tracing: s.workflow.tracing,
        scrapping: s.workflow.scrapping,
        handover: s.workflow.handover,
        executionStatus: c.execution.status,
      });
      markScanStage('classified');
      await carryOut(command, c);
    }

    async function carryOut(command: OrderScanCommand, c: NonNullable<ReturnType<typeof context>>): Promise<void> {
      switch (command.kind) {
        case 'ignore':
          return;
        case 'trace-batch':
        case 'trace-part':
        case 'trace-container':
        case 'trace-unknown':
          return trace(command);
        case 'hand-over':
          return handOver(command.operator);
        case 'switch-operator':
          return get().switchOperator(command.operator);
        case 'name-scrap-serial':
          patch({ scrapSerial: command.serial });
          verdict('ok', 'workflow.scrapPanel.serialScanned', { serial: command.serial });
          return;
        case 'book-part': {
          const v = bookGoodPart(c.execution, { serial: command.serial, ...(command.materialId ? { materialId: command.materialId } : {}) });
          if (!v.ok) return refuse(v.reason);
          return bookGood(v.events, 1, command.serial, 'workflow.good.part', { serial: command.serial });
        }
        case 'load-material': {
          const { classified } = command;
          const v = checkMaterialScan({ classified, order: c.order, execution: c.execution, materials: c.materials, blockedBatches: c.s.workflow.master.blockedBatches, now: deps.clock().getTime() });
          markScanStage('checked');
          if (!v.ok) return refuse(v.reason);
          const material = classified.kind === 'material-batch' ? c.s.materials[classified.materialId] : undefined;
          const batch = classified.kind === 'material-batch' ? classified.batch : '';
          const params = { material: material?.number ?? '', batch, previous: v.replaced?.batch ?? '' };
          await run(v, v.alreadyLoaded ? 'workflow.material.alreadyLoaded' : v.replaced ? 'workflow.material.replaced' : 'workflow.material.loaded', params);
        }
      }
    }

    /** Packs good parts into the open container; a full one closes and its label is queued. */
    function packEvents(execution: OrderExecution, quantity: number, serialNo?: string) {
      const c = context();
      if (!c) return null;
      return packParts({
        state: c.s.workflow.production,
        execution: { ...execution, status: 'started' },
        capacity: selectWorkflowConfig(c.s).containerCapacity,
        quantity,
        ...(serialNo !== undefined ? { serial: serialNo } : {}),
        materialId: c.order.materialId,
        nextContainerId: newId,
      });
    }

    async function bookGood(events: DomainEvent[], quantity: number, serialNo: string | undefined, okKey: string, okParams: VerdictParams) {
      const c = context();
      if (!c) return;
      // A loaded batch quality blocked since: no more good parts from it until it is replaced or a shift lead overrides.
      const blocked = refuseIfBlockedLoad(c.execution, wf().master.blockedBatches);
      if (blocked) {
        refuse(blocked.reason);
        return;
      }
      const pack = packEvents(c.execution, quantity, serialNo);
      if (pack && !pack.ok) {
        refuse(pack.reason);
        return;
      }
      const written = await record([...events, ...(pack?.events ?? [])]);
      if (!written) return;
      verdict('ok', okKey, okParams);
      if (pack?.ok && pack.labelRequired) await queueLabels(pack.closedContainerIds);
    }

    const { approved: approvedPurpose, ...countActions } = createCountActions({
      context: () => {
        const c = context();
        return c ? { order: c.order, execution: c.execution, production: wf().production, master: wf().master, config: selectWorkflowConfig(get()) } : null;
      },
      completion: () => wf().completion,
      setCompletion: (completion) => patch({ completion }),
      record,
      run,
      refuse,
      packEvents: (execution, quantity) => packEvents(execution, quantity),
      queueLabels,
      askShiftLead: (purpose) =>
        get().requestApproval(
          {
            what: purpose.kind === 'blocked-batch' ? { kind: 'blocked-batch', batch: purpose.batch, reason: purpose.reason } : { kind: 'correction', booked: purpose.booked, correctedTo: purpose.correctedTo },
            requiredRole: 'shift-lead',
          },
          async (outcome) => {
            if (!outcome.ok) {
              kit.approvalRefused(outcome);
              return;
            }
            const why = purpose.kind === 'blocked-batch' ? purpose.reason : `good quantity ${purpose.booked} → ${purpose.correctedTo}`;
            const granted = approveOverride({ approver: { id: outcome.approver.id, role: outcome.approver.role }, pinVerified: true, reason: why });
            if (!granted.ok) refuse(granted.reason);
            else await approvedPurpose(purpose, granted.approval);
          },
        ),
      busy: () => wf().busy,
    });

    return {
      workflow: initialWorkflow,
      ...countActions,
      ...labelActions,
      ...handoverActions,
      ...traceActions,
      ...createScrapActions(kit),

      loadProduction: production.loadProduction,

      async openOrder(orderId) {
        // The order shows at once. Busy while the journal is folded: scans and buttons wait, so a booking made
        // meanwhile can neither be judged on a stale state nor be overwritten by the fold's result.
        patch({ openOrderId: orderId, verdict: null, handover: false, lastScrapId: null, tracing: false, trace: null, scrapping: false, scrapSerial: null, busy: true, productionLoading: true });
        try {
          patch({ master: await loadWorkflowMaster(deps.cache) });
          await production.foldForOpenOrder();
        } finally {
          patch({ busy: false, productionLoading: false });
        }
      },

      closeOrderDetail() {
        patch({ openOrderId: null, verdict: null, handover: false });
      },

      configureWorkflow(p) {
        patch({ config: { ...wf().config, ...p } });
      },

      async startOpenOrder() {
        const c = context();
        const operator = get().terminal.operator;
        if (!c || !operator || wf().busy) return;
        const blocked = refuseIfBlockedLoad(c.execution, wf().master.blockedBatches);
        if (blocked) return refuse(blocked.reason);
        await run(startOrder({ order: c.order, materials: c.materials, execution: c.execution, operatorId: operator.id }), 'workflow.started', { number: c.order.number });
      },

      async pauseOpenOrder(reason) {
        const c = context();
        if (!c || wf().busy) return;
        await run(pauseOrder(c.execution, reason), 'workflow.paused');
      },

      async resumeOpenOrder() {
        const c = context();
        if (!c || wf().busy) return;
        await run(resumeOrder(c.execution), 'workflow.resumed');
      },

      scanIntoOrder(raw) {
        const next = scanChain.then(kit.whenIdle).then(() => handleScan(raw));
        scanChain = next.catch(() => undefined);
        return next;
      },

      async bookGood(quantity) {
        const c = context();
        if (!c || wf().busy) return;
        const v = bookGoodQuantity(c.execution, quantity);
        if (!v.ok) {
          refuse(v.reason);
          return;
        }
        await bookGood(v.events, quantity, undefined, 'workflow.good.booked', { quantity });
      },

      async closeOpenContainer() {
        const c = context();
        if (!c || wf().busy) return;
        const v = closeContainer(c.s.workflow.production, c.execution);
        const written = await run(v, 'workflow.container.closed');
        if (written && v.ok && v.labelRequired) await queueLabels([v.containerId]);
      },

      acknowledgeVerdict() {
        patch({ verdict: null });
      },

      async logoutInactive() {
        const operator = get().terminal.operator;
        if (!operator || get().writing) return;
        const written = await record([{ type: 'OperatorLoggedOut', operatorId: operator.id, payload: { reason: 'inactivity' } }]);
        if (written) {
          void get().cancelApproval();
          set({ login: initialLogin });
          patch({ openOrderId: null, verdict: null, handover: false, labels: [] });
          get().showFeedback('nok', 'workflow.session.loggedOutInactive');
        }
      },
    };
  };
