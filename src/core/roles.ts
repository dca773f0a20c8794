// Roles and what each may do: one table the server enforces (FORBIDDEN) and the dashboard reads to hide controls.

export const ROLES = ["admin", "operator", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => typeof value === "string" && (ROLES as readonly string[]).includes(value);

const EVERYONE = ["admin", "operator", "viewer"] as const satisfies readonly Role[];

export const PERMISSIONS = {
  /** Runs, inventory, settings (tokens masked), health. */
  read: EVERYONE,
  /** Start, cancel and retry runs; pick a candidate or paste a URL. */
  "runs.operate": ["admin", "operator"],
  /** Settings, API tokens, model roots and sign-in (SSO) settings. */
  "settings.manage": ["admin"],
  /** Invite people, change roles, remove accounts. */
  "users.manage": ["admin"],
  "audit.read": ["admin"],
  /** One's own password and API keys. */
  "account.own": EVERYONE,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

const DESCRIPTIONS: Record<Permission, string> = {
  read: "see the dashboard",
  "runs.operate": "start, cancel or retry runs, or choose a model's download",
  "settings.manage": "change settings, tokens or model roots",
  "users.manage": "manage people and roles",
  "audit.read": "read the audit log",
  "account.own": "manage an account",
};

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => can(role, permission));
}

export function forbiddenMessage(role: Role, permission: Permission): string {
  const allowed = PERMISSIONS[permission].join(" or ");
  return `A${role === "admin" || role === "operator" ? "n" : ""} ${role} may not ${DESCRIPTIONS[permission]}; that takes the ${allowed} role. Ask an admin.`;
}
