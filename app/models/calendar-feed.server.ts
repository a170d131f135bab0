import { prisma } from "~/services/db.server";
import { hashToken, newToken } from "~/services/session.server";

/**
 * A personal calendar feed: a secret URL that calendar apps poll. Only the token's hash is kept,
 * so the address is shown once, when it is made; making a new one or turning it off ends the old.
 */

export async function hasCalendarFeed(userId: string): Promise<boolean> {
  return (await prisma.calendarFeed.count({ where: { userId, revokedAt: null } })) > 0;
}

/** Replaces any feed this person has with a new one, and returns its token. */
export async function createCalendarFeed(userId: string): Promise<string> {
  const token = newToken();
  await prisma.$transaction([
    prisma.calendarFeed.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } }),
    prisma.calendarFeed.create({ data: { userId, tokenHash: hashToken(token) }, select: { id: true } }),
  ]);
  return token;
}

export async function revokeCalendarFeeds(userId: string): Promise<number> {
  const { count } = await prisma.calendarFeed.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count;
}

/** Whose feed a token opens: an active person with a feed not turned off; null otherwise. */
export async function calendarFeedOwner(token: string) {
  if (token.length > 100) return null;
  const feed = await prisma.calendarFeed.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { revokedAt: true, user: { select: { id: true, name: true, organisationId: true, deactivatedAt: true } } },
  });
  if (!feed || feed.revokedAt || feed.user.deactivatedAt) return null;
  return feed.user;
}

/** Sessions for a feed: from three months ago, as supervisor or supervisee, cancelled ones included. */
export async function feedSessions(userId: string, organisationId: string, now: Date) {
  const from = new Date(now.getTime() - 92 * 24 * 60 * 60 * 1000);
  return prisma.supervisionSession.findMany({
    where: { organisationId, startsAt: { gte: from }, OR: [{ supervisorId: userId }, { superviseeId: userId }] },
    orderBy: { startsAt: "asc" },
    take: 500,
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      location: true,
      status: true,
      updatedAt: true,
      supervisorId: true,
      supervisor: { select: { name: true } },
      supervisee: { select: { name: true } },
      _count: { select: { changes: true } },
    },
  });
}
