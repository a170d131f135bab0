import { prisma } from "~/services/db.server";

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEvents(organisationId: string, page: number) {
  const [events, total] = await Promise.all([
    prisma.auditEvent.findMany({
      where: { organisationId },
      orderBy: { createdAt: "desc" },
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: { id: true, type: true, email: true, ipAddress: true, detail: true, createdAt: true, actorId: true },
    }),
    prisma.auditEvent.count({ where: { organisationId } }),
  ]);
  const actorIds = [...new Set(events.flatMap((event) => (event.actorId ? [event.actorId] : [])))];
  const actors = await prisma.user.findMany({
    where: { id: { in: actorIds }, organisationId },
    select: { id: true, name: true },
  });
  const names = new Map(actors.map((actor) => [actor.id, actor.name]));
  return {
    total,
    events: events.map((event) => ({
      id: event.id,
      type: event.type,
      email: event.email,
      ipAddress: event.ipAddress,
      detail: event.detail,
      createdAt: event.createdAt,
      actor: event.actorId ? (names.get(event.actorId) ?? null) : null,
    })),
  };
}
