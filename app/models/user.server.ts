import { normaliseRoles, type Role } from "~/domain/roles";
import { prisma } from "~/services/db.server";
import { hotRead } from "~/services/hot-path.server";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  preferredName: string | null;
  roles: Role[];
  organisation: { id: string; name: string; slug: string };
};

export async function getCurrentUser(userId: string): Promise<CurrentUser | null> {
  // On every signed-in request, so a prepared statement rather than a Prisma query.
  const row = hotRead<{
    id: string;
    email: string;
    name: string;
    preferredName: string | null;
    organisationId: string;
    organisationName: string;
    organisationSlug: string;
    roles: string;
  }>(
    `SELECT u.id, u.email, u.name, u.preferredName,
            o.id AS organisationId, o.name AS organisationName, o.slug AS organisationSlug,
            (SELECT json_group_array(r.role) FROM UserRole r WHERE r.userId = u.id) AS roles
       FROM User u JOIN Organisation o ON o.id = u.organisationId
      WHERE u.id = ? AND u.deactivatedAt IS NULL`,
  ).get(userId);
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    preferredName: row.preferredName,
    roles: normaliseRoles(JSON.parse(row.roles) as string[]),
    organisation: { id: row.organisationId, name: row.organisationName, slug: row.organisationSlug },
  };
}

export function findUserForSignIn(email: string) {
  return prisma.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, organisationId: true, passwordHash: true, deactivatedAt: true },
  });
}

export function displayName(user: Pick<CurrentUser, "name" | "preferredName">): string {
  return user.preferredName?.trim() || user.name;
}
