import { normaliseRoles, type Role } from "~/domain/roles";
import { prisma } from "~/services/db.server";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  preferredName: string | null;
  roles: Role[];
  organisation: { id: string; name: string; slug: string };
};

export async function getCurrentUser(userId: string): Promise<CurrentUser | null> {
  const user = await prisma.user.findFirst({
    where: { id: userId, deactivatedAt: null },
    select: {
      id: true,
      email: true,
      name: true,
      preferredName: true,
      roles: { select: { role: true } },
      organisation: { select: { id: true, name: true, slug: true } },
    },
  });
  if (!user) return null;
  return { ...user, roles: normaliseRoles(user.roles.map((entry) => entry.role)) };
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
