import type { ColumnType } from 'kysely';

/** Table shapes of migration 0006-web-users (see there for what each holds). */

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

export interface WebTables {
  web_users: WebUsersTable;
  web_sessions: WebSessionsTable;
  audit_log: AuditLogTable;
}
