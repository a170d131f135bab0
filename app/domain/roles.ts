/**
 * Roles and the permissions they grant. A person may combine roles; what they
 * may do is the union. Routes check a permission, never a role, so a new role
 * is one line here.
 */

export const ROLES = ["practitioner", "manager", "trainer", "reviewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { label: string; description: string }> = {
  practitioner: {
    label: "Practitioner",
    description: "Practises conversations, keeps a reflective journal and has supervision.",
  },
  manager: {
    label: "Manager",
    description: "Leads one or more teams and gives their members reflective supervision.",
  },
  trainer: { label: "Trainer", description: "Writes scenarios and sends them for review." },
  reviewer: {
    label: "Reviewer",
    description: "A parent-carer representative who reviews scenarios before they are published.",
  },
  admin: { label: "Admin", description: "Runs the organisation: people, teams, roles and settings." },
};

export const PERMISSIONS = [
  "read:practice:own",
  "read:journal:own",
  "read:supervision:own",
  "read:team-dashboard:own-teams",
  "write:recommendation:own-teams",
  "read:studio:any",
  "review:scenario:any",
  "write:scenario:any",
  "manage:people:any",
  "read:audit-log:any",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  practitioner: ["read:practice:own", "read:journal:own", "read:supervision:own"],
  // Managers practise and reflect too, and have supervisors of their own.
  manager: [
    "read:practice:own",
    "read:journal:own",
    "read:supervision:own",
    "read:team-dashboard:own-teams",
    "write:recommendation:own-teams",
  ],
  trainer: ["read:practice:own", "read:studio:any", "write:scenario:any"],
  reviewer: ["read:studio:any", "review:scenario:any"],
  admin: ["manage:people:any", "read:audit-log:any"],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function permissionsFor(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => GRANTS[role]));
}

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => GRANTS[role].includes(permission));
}

/** Roles in their canonical order, without duplicates or unknown names. */
export function normaliseRoles(values: readonly string[]): Role[] {
  return ROLES.filter((role) => values.includes(role));
}

export type NavItem = { to: string; label: string; permission: Permission };

/** The main navigation; each item is shown only to people holding its permission. */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: "/practise", label: "Practise", permission: "read:practice:own" },
  { to: "/journal", label: "Journal", permission: "read:journal:own" },
  { to: "/supervision", label: "Supervision", permission: "read:supervision:own" },
  { to: "/team", label: "Team", permission: "read:team-dashboard:own-teams" },
  { to: "/studio", label: "Studio", permission: "read:studio:any" },
  { to: "/admin", label: "Admin", permission: "manage:people:any" },
];

export function navFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => hasPermission(roles, item.permission));
}
