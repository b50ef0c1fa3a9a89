import type { ColumnType } from 'kysely';

/** Table shapes of migrations 0006-web-users, 0007-fleet-and-flag-acks and 0008-terminal-status (see there for what each holds). */

export interface WebUsersTable {
  /** Lower case; what a person types to log in. */
  username: string;
  display_name: string;
  role: string;
  /** `scrypt$N$r$p$salt$hash` (server/users/passwords.ts). */
  password_hash: string;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: string | null;
  created_at: string;
}

export interface WebSessionsTable {
  /** SHA-256 hex of the cookie value; the value itself is never stored. */
  id_hash: string;
  username: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  /** user, admin-token or anonymous (a failed login). */
  actor_kind: string;
  actor: string;
  /** What was done: a named action (login, batch.block) or `METHOD /route/pattern`. */
  action: string;
  target: string | null;
  /** The HTTP status the write was answered with: denied attempts are logged too. */
  status: number;
  /** JSON text: the reason and other context, never a secret. */
  detail: string | null;
}

export interface TerminalContactsTable {
  terminal_id: string;
  last_contact_at: string;
  /** The route of that request, e.g. `POST /api/v1/sync/push`. */
  last_route: string;
  /** From the terminal's X-Takt-Version header, when it sends one. */
  app_version: string | null;
  last_error_at: string | null;
  /** `status code: message` of the last request this server refused the terminal. */
  last_error: string | null;
}

export interface QualityFlagAcksTable {
  event_id: string;
  kind: string;
  acknowledged_by: string;
  acknowledged_at: string;
  note: string | null;
}

export interface TerminalStatusTable {
  terminal_id: string;
  /** The server's time when the report arrived. */
  reported_at: string;
  app_version: string;
  pending: number;
  oldest_pending_at: string | null;
  scanner_state: string;
  printer_state: string;
  storage_free_bytes: number | null;
  last_error_code: string | null;
  last_error: string | null;
  last_error_at: string | null;
}

export interface WebTables {
  web_users: WebUsersTable;
  web_sessions: WebSessionsTable;
  audit_log: AuditLogTable;
  terminal_contacts: TerminalContactsTable;
  quality_flag_acks: QualityFlagAcksTable;
  terminal_status: TerminalStatusTable;
}
