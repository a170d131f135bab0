import { addDays, fromLondonWallClock, londonWallClock } from "~/domain/london-time";
import { prisma } from "~/services/db.server";
import { membersLedBy } from "./team.server";

/**
 * Reflective supervision: agreements, sessions (one-off or a series), agendas, records and agreed
 * actions. A supervisor is a manager of a team the supervisee is a member of. Every read and write
 * is scoped to one of the two people and their organisation: anyone else gets "not found".
 */

export type SessionRole = "supervisor" | "supervisee";

export const SESSION_STATUSES = ["scheduled", "cancelled", "held"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** The people this manager supervises: active members of the teams they lead. */
export const superviseesOf = membersLedBy;

export async function isSupervisorOf(supervisorId: string, superviseeId: string, organisationId: string) {
  const people = await membersLedBy(supervisorId, organisationId);
  return people.find((person) => person.id === superviseeId) ?? null;
}

// Agreements -----------------------------------------------------------------------------------

export async function listAgreementsBySupervisor(supervisorId: string, organisationId: string) {
  const [people, agreements] = await Promise.all([
    membersLedBy(supervisorId, organisationId),
    prisma.supervisionAgreement.findMany({ where: { supervisorId, organisationId } }),
  ]);
  const byPerson = new Map(agreements.map((agreement) => [agreement.superviseeId, agreement]));
  return people.map((person) => ({ person, agreement: byPerson.get(person.id) ?? null }));
}

export async function agreementsForSupervisee(superviseeId: string, organisationId: string) {
  return prisma.supervisionAgreement.findMany({
    where: { superviseeId, organisationId },
    select: {
      frequencyWeeks: true,
      durationMinutes: true,
      location: true,
      supervisor: { select: { name: true } },
    },
  });
}

export type AgreementInput = { frequencyWeeks: number; durationMinutes: number; location: string };

export async function saveAgreement(
  supervisorId: string,
  organisationId: string,
  superviseeId: string,
  input: AgreementInput,
): Promise<"saved" | "not-found"> {
  if (!(await isSupervisorOf(supervisorId, superviseeId, organisationId))) return "not-found";
  await prisma.supervisionAgreement.upsert({
    where: { supervisorId_superviseeId: { supervisorId, superviseeId } },
    create: { supervisorId, superviseeId, organisationId, ...input },
    update: input,
  });
  return "saved";
}

// Sessions -------------------------------------------------------------------------------------

const ACTIVE = { in: ["scheduled", "held"] };

/** Sessions of either person that are not cancelled and touch the given time range. */
export async function activeSessionsBetween(userIds: string[], from: Date, to: Date) {
  return prisma.supervisionSession.findMany({
    where: {
      status: ACTIVE,
      startsAt: { lt: to },
      endsAt: { gt: from },
      OR: [{ supervisorId: { in: userIds } }, { superviseeId: { in: userIds } }],
    },
    select: { id: true, startsAt: true, endsAt: true },
  });
}

export type NewSessions = {
  organisationId: string;
  supervisorId: string;
  superviseeId: string;
  durationMinutes: number;
  location: string;
  /** The instants the sessions start, in order. */
  starts: Date[];
  /** For a series: its rule and first wall-clock start. */
  series?: { rule: string; firstStartLocal: string };
};

/** Creates one session or a whole series in one transaction, with a "scheduled" change for each. */
export async function createSessions(input: NewSessions): Promise<string[]> {
  const minutes = input.durationMinutes * 60_000;
  return prisma.$transaction(async (tx) => {
    const series = input.series
      ? await tx.supervisionSeries.create({
          data: {
            organisationId: input.organisationId,
            supervisorId: input.supervisorId,
            superviseeId: input.superviseeId,
            rule: input.series.rule,
            firstStartLocal: input.series.firstStartLocal,
            durationMinutes: input.durationMinutes,
            location: input.location,
          },
          select: { id: true },
        })
      : null;
    const ids: string[] = [];
    for (const startsAt of input.starts) {
      const session = await tx.supervisionSession.create({
        data: {
          organisationId: input.organisationId,
          supervisorId: input.supervisorId,
          superviseeId: input.superviseeId,
          seriesId: series?.id ?? null,
          startsAt,
          endsAt: new Date(startsAt.getTime() + minutes),
          location: input.location,
          changes: { create: { byUserId: input.supervisorId, kind: "scheduled" } },
        },
        select: { id: true },
      });
      ids.push(session.id);
    }
    return ids;
  });
}

const SESSION_SELECT = {
  id: true,
  organisationId: true,
  supervisorId: true,
  superviseeId: true,
  seriesId: true,
  startsAt: true,
  endsAt: true,
  location: true,
  status: true,
  heldMinutes: true,
  recordedAt: true,
  notesManagement: true,
  notesSupport: true,
  notesDevelopment: true,
  notesMediation: true,
  confirmedAt: true,
  superviseeComment: true,
  updatedAt: true,
  supervisor: { select: { name: true } },
  supervisee: { select: { name: true } },
} as const;

/** A session this person takes part in, with which part they play; null for anyone else. */
export async function getSessionFor(userId: string, organisationId: string, sessionId: string) {
  if (sessionId.length > 40) return null;
  const session = await prisma.supervisionSession.findFirst({
    where: { id: sessionId, organisationId, OR: [{ supervisorId: userId }, { superviseeId: userId }] },
    select: SESSION_SELECT,
  });
  if (!session) return null;
  const role: SessionRole = session.supervisorId === userId ? "supervisor" : "supervisee";
  return { ...session, status: session.status as SessionStatus, role };
}

export type SessionForUser = NonNullable<Awaited<ReturnType<typeof getSessionFor>>>;

/** Sessions as supervisor or supervisee, upcoming first then the recent past. */
export async function listSessionsFor(userId: string, organisationId: string, now: Date) {
  const where = { organisationId, OR: [{ supervisorId: userId }, { superviseeId: userId }] };
  const select = {
    id: true,
    startsAt: true,
    endsAt: true,
    status: true,
    location: true,
    recordedAt: true,
    confirmedAt: true,
    supervisorId: true,
    supervisor: { select: { name: true } },
    supervisee: { select: { name: true } },
  } as const;
  const [upcoming, past] = await Promise.all([
    prisma.supervisionSession.findMany({
      where: { ...where, startsAt: { gte: now } },
      orderBy: { startsAt: "asc" },
      take: 20,
      select,
    }),
    prisma.supervisionSession.findMany({
      where: { ...where, startsAt: { lt: now } },
      orderBy: { startsAt: "desc" },
      take: 20,
      select,
    }),
  ]);
  const withRole = (session: (typeof upcoming)[number]) => ({
    ...session,
    role: (session.supervisorId === userId ? "supervisor" : "supervisee") as SessionRole,
  });
  return { upcoming: upcoming.map(withRole), past: past.map(withRole) };
}

/** What happened to a session, newest first: the supervisee sees every change. */
export async function sessionChanges(sessionId: string) {
  return prisma.sessionChange.findMany({
    where: { sessionId },
    orderBy: { at: "desc" },
    take: 50,
    select: { id: true, kind: true, detail: true, at: true },
  });
}

/** Recent changes to this person's sessions, for their supervision page. */
export async function recentChangesFor(superviseeId: string, organisationId: string, since: Date) {
  return prisma.sessionChange.findMany({
    where: { at: { gte: since }, session: { superviseeId, organisationId }, byUserId: { not: superviseeId } },
    orderBy: { at: "desc" },
    take: 20,
    select: { id: true, kind: true, detail: true, at: true, session: { select: { id: true, startsAt: true } } },
  });
}

/** The later sessions of the same series still to happen, this one included. */
async function restOfSeries(session: { id: string; seriesId: string | null; startsAt: Date }) {
  if (!session.seriesId) return [{ id: session.id, startsAt: session.startsAt }];
  return prisma.supervisionSession.findMany({
    where: { seriesId: session.seriesId, status: "scheduled", startsAt: { gte: session.startsAt } },
    orderBy: { startsAt: "asc" },
    select: { id: true, startsAt: true, endsAt: true },
  });
}

export type Scope = "one" | "rest";

/**
 * Moves one session, or it and the rest of its series, to a new London wall-clock start: later
 * sessions keep their spacing in calendar days and take the new time of day. Returns the new
 * starts, for the caller to check for overlaps first with `plannedMoves`.
 */
export async function plannedMoves(session: SessionForUser, newStartLocal: string, scope: Scope) {
  const targets = scope === "rest" ? await restOfSeries(session) : [{ id: session.id, startsAt: session.startsAt }];
  const oldLocal = londonWallClock(session.startsAt);
  const dayShift = Math.round(
    (Date.parse(`${newStartLocal.slice(0, 10)}T00:00:00Z`) - Date.parse(`${oldLocal.slice(0, 10)}T00:00:00Z`)) /
      86_400_000,
  );
  const duration = session.endsAt.getTime() - session.startsAt.getTime();
  return targets.map((target) => {
    const day = addDays(londonWallClock(target.startsAt).slice(0, 10), dayShift);
    const startsAt = fromLondonWallClock(`${day}${newStartLocal.slice(10)}`) ?? fromLondonWallClock(newStartLocal)!;
    return { id: target.id, startsAt, endsAt: new Date(startsAt.getTime() + duration) };
  });
}

export async function moveSessions(
  byUserId: string,
  moves: { id: string; startsAt: Date; endsAt: Date }[],
  location: string,
): Promise<void> {
  await prisma.$transaction(
    moves.map((move) =>
      prisma.supervisionSession.update({
        where: { id: move.id },
        data: {
          startsAt: move.startsAt,
          endsAt: move.endsAt,
          location,
          changes: {
            create: {
              byUserId,
              kind: "rescheduled",
              detail: `Moved to ${londonWallClock(move.startsAt).replace("T", " ")}`,
            },
          },
        },
        select: { id: true },
      }),
    ),
  );
}

export async function cancelSessions(byUserId: string, session: SessionForUser, scope: Scope): Promise<number> {
  const targets = scope === "rest" ? await restOfSeries(session) : [{ id: session.id }];
  await prisma.$transaction(
    targets.map((target) =>
      prisma.supervisionSession.update({
        where: { id: target.id },
        data: { status: "cancelled", changes: { create: { byUserId, kind: "cancelled" } } },
        select: { id: true },
      }),
    ),
  );
  return targets.length;
}

// Agenda and actions ---------------------------------------------------------------------------

export async function agendaOf(sessionId: string) {
  return prisma.agendaItem.findMany({
    where: { sessionId },
    orderBy: { createdAt: "asc" },
    select: { id: true, text: true, authorId: true, reflectionId: true, createdAt: true },
  });
}

export async function addAgendaItem(sessionId: string, authorId: string, text: string, reflectionId: string | null) {
  await prisma.agendaItem.create({ data: { sessionId, authorId, text, reflectionId }, select: { id: true } });
}

/** Actions this pair agreed and has not finished, oldest due first: they head the next agenda. */
export async function openActionsBetween(supervisorId: string, superviseeId: string) {
  return prisma.agreedAction.findMany({
    where: { supervisorId, superviseeId, doneAt: null },
    orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }],
    select: { id: true, text: true, dueOn: true, ownerId: true, sessionId: true },
  });
}

export async function actionsAgreedAt(sessionId: string) {
  return prisma.agreedAction.findMany({
    where: { sessionId },
    orderBy: { createdAt: "asc" },
    select: { id: true, text: true, dueOn: true, ownerId: true, doneAt: true },
  });
}

/** Marks an action done (or not); either person in the supervision may. */
export async function setActionDone(userId: string, actionId: string, done: boolean): Promise<boolean> {
  if (actionId.length > 40) return false;
  const { count } = await prisma.agreedAction.updateMany({
    where: { id: actionId, OR: [{ supervisorId: userId }, { superviseeId: userId }] },
    data: { doneAt: done ? new Date() : null },
  });
  return count === 1;
}

export type SessionRecord = {
  heldMinutes: number;
  notesManagement: string;
  notesSupport: string;
  notesDevelopment: string;
  notesMediation: string;
  actions: { text: string; ownerId: string; dueOn: string }[];
};

/** The supervisor records a session as held; the supervisee is then asked to confirm it. */
export async function recordSession(session: SessionForUser, record: SessionRecord): Promise<void> {
  const { actions, ...fields } = record;
  await prisma.$transaction([
    prisma.supervisionSession.update({
      where: { id: session.id },
      data: {
        ...fields,
        status: "held",
        recordedAt: new Date(),
        // A changed record needs confirming again.
        confirmedAt: null,
        changes: { create: { byUserId: session.supervisorId, kind: "recorded" } },
      },
      select: { id: true },
    }),
    prisma.agreedAction.createMany({
      data: actions.map((action) => ({
        ...action,
        sessionId: session.id,
        supervisorId: session.supervisorId,
        superviseeId: session.superviseeId,
      })),
    }),
  ]);
}

export async function confirmRecord(session: SessionForUser, comment: string): Promise<void> {
  await prisma.supervisionSession.update({
    where: { id: session.id },
    data: {
      confirmedAt: new Date(),
      superviseeComment: comment,
      changes: {
        create: { byUserId: session.superviseeId, kind: "confirmed", detail: comment ? "With a comment" : "" },
      },
    },
    select: { id: true },
  });
}

/** Reflections the supervisee has shared, to bring to a session's agenda. */
export async function sharedReflectionsOf(superviseeId: string) {
  return prisma.reflection.findMany({
    where: { userId: superviseeId, sharedAt: { not: null } },
    orderBy: { sharedAt: "desc" },
    take: 30,
    select: { id: true, title: true, sharedAt: true },
  });
}

/** For the home page: the next session, records waiting for this person's confirmation, and their open actions. */
export async function supervisionAtAGlance(userId: string, organisationId: string, now: Date) {
  const mine = { organisationId, OR: [{ supervisorId: userId }, { superviseeId: userId }] };
  const [next, toConfirm, actions] = await Promise.all([
    prisma.supervisionSession.findFirst({
      where: { ...mine, status: "scheduled", startsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
      select: {
        id: true,
        startsAt: true,
        supervisorId: true,
        supervisor: { select: { name: true } },
        supervisee: { select: { name: true } },
      },
    }),
    prisma.supervisionSession.findMany({
      where: { organisationId, superviseeId: userId, status: "held", confirmedAt: null },
      orderBy: { startsAt: "desc" },
      take: 5,
      select: { id: true, startsAt: true },
    }),
    prisma.agreedAction.findMany({
      where: { ownerId: userId, doneAt: null, session: { organisationId } },
      orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }],
      take: 5,
      select: { id: true, text: true, dueOn: true, sessionId: true },
    }),
  ]);
  return {
    next: next && {
      id: next.id,
      startsAt: next.startsAt,
      with: next.supervisorId === userId ? next.supervisee.name : next.supervisor.name,
    },
    toConfirm,
    actions,
  };
}
