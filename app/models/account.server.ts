import { prisma } from "~/services/db.server";
import { hashPassword, verifyPassword } from "~/services/password.server";

export async function updateOwnDetails(userId: string, details: { name: string; preferredName: string | null }) {
  await prisma.user.update({ where: { id: userId }, data: details, select: { id: true } });
}

/** Checks the current password, stores the new one and ends every session of the person. */
export async function changePassword(
  userId: string,
  currentPassword: string,
  newPassword: string,
): Promise<"changed" | "wrong-current"> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) return "wrong-current";
  const passwordHash = await hashPassword(newPassword);
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } }),
    prisma.session.deleteMany({ where: { userId } }),
  ]);
  return "changed";
}
