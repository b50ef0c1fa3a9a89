import type { TerminalReport } from '../../shared/terminal-report';
import type { Db } from '../db/schema';

/** Each terminal's last report about itself (POST /api/v1/sync/status): one row, replaced by every report. */

export interface ReportedStatus {
  reportedAt: string;
  appVersion: string;
  pending: number;
  oldestPendingAt: string | null;
  scanner: string;
  printer: string;
  storageFreeBytes: number | null;
  lastError: { code: string; message: string; at: string } | null;
}

export async function storeTerminalReport(db: Db, terminalId: string, report: TerminalReport, receivedAt: string): Promise<void> {
  const row = {
    reported_at: receivedAt,
    app_version: report.appVersion,
    pending: report.pending,
    oldest_pending_at: report.oldestPendingAt,
    scanner_state: report.scanner,
    printer_state: report.printer,
    storage_free_bytes: report.storageFreeBytes,
    last_error_code: report.lastError?.code ?? null,
    last_error: report.lastError?.message ?? null,
    last_error_at: report.lastError?.at ?? null,
  };
  await db
    .insertInto('terminal_status')
    .values({ terminal_id: terminalId, ...row })
    .onConflict((oc) => oc.column('terminal_id').doUpdateSet(row))
    .execute();
}

export async function reportedStatuses(db: Db): Promise<Map<string, ReportedStatus>> {
  const rows = await db.selectFrom('terminal_status').selectAll().execute();
  return new Map(
    rows.map((r) => [
      r.terminal_id,
      {
        reportedAt: r.reported_at,
        appVersion: r.app_version,
        pending: Number(r.pending),
        oldestPendingAt: r.oldest_pending_at,
        scanner: r.scanner_state,
        printer: r.printer_state,
        storageFreeBytes: r.storage_free_bytes === null ? null : Number(r.storage_free_bytes),
        lastError: r.last_error_code ? { code: r.last_error_code, message: r.last_error ?? '', at: r.last_error_at ?? r.reported_at } : null,
      },
    ]),
  );
}
