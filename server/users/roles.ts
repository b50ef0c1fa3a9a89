/**
 * What each role on the web pages may do: this table is the whole policy.
 * A route names the permission it needs (`config: { permission }`); a
 * person's session passes when their role's row holds it. Admin tokens
 * (integrations, `takt token add`) pass every admin route, as before.
 */

export const ROLES = ['quality', 'shift-lead', 'plant-it', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Trace forward and backward, export the recall scope. */
  'trace.read',
  /** Block or release a batch (reaches the terminals through the live notify). */
  'batch.block',
  /** See quality flags and overrides. */
  'flags.read',
  /** Acknowledge a quality flag. */
  'flags.acknowledge',
  /** See the terminals' state and the lines. */
  'fleet.read',
  /** Read master data, every kind. */
  'master.read',
  /** Edit operators on the master-data page: name, badge, role, lines, PIN. */
  'operators.edit',
  /** Edit scrap reasons and downtime reasons on the master-data page. */
  'reasons.edit',
  /** Import a master-data file of any kind (the same all-or-nothing import as `takt import`). */
  'master.import',
  /** Read the audit log. */
  'audit.read',
  /** See EDI messages in and out, delivery schedules and the shipments written out. */
  'edi.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  quality: ['trace.read', 'batch.block', 'flags.read', 'flags.acknowledge', 'fleet.read', 'master.read', 'reasons.edit', 'master.import', 'audit.read', 'edi.read'],
  'shift-lead': ['trace.read', 'flags.read', 'flags.acknowledge', 'fleet.read', 'master.read', 'operators.edit', 'reasons.edit', 'edi.read'],
  'plant-it': ['trace.read', 'flags.read', 'fleet.read', 'master.read', 'operators.edit', 'reasons.edit', 'master.import', 'audit.read', 'edi.read'],
  viewer: ['trace.read', 'flags.read', 'fleet.read', 'master.read', 'edi.read'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function mayDo(role: string, permission: Permission): boolean {
  return isRole(role) && ROLE_PERMISSIONS[role].includes(permission);
}

/** The master-data kinds a plant changes daily, editable on the web page, and what each edit needs. */
export const MASTER_EDIT_PERMISSIONS = {
  'blocked-batch': 'batch.block',
  operator: 'operators.edit',
  'scrap-reason': 'reasons.edit',
  'downtime-reason': 'reasons.edit',
} as const satisfies Record<string, Permission>;
export type EditableMasterKind = keyof typeof MASTER_EDIT_PERMISSIONS;
