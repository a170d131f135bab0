import {
  FOUR_WEEKS_DAYS,
  personMetrics,
  teamSummary,
  weeklyTrend,
  type Period,
  type PersonInput,
  type PersonMetrics,
  type RunInput,
  type SessionInput,
  type SupervisionAgreement,
  type TeamSummary,
  type WeekTrend,
} from "~/domain/coaching-metrics";
import { addDays, londonDate, startOfLondonDay } from "~/domain/london-time";
import { prisma } from "~/services/db.server";

/**
 * Coaching time for line managers (/team) and heads of service (/admin/coaching): the rows the
 * pure rules in ~/domain/coaching-metrics need, and nothing more. Private reflections are never
 * read: every reflection query asks for a `sharedAt` inside the period. Every query names the
 * organisation, and a manager reaches only the members of teams they lead.
 */

type Instants = { start: Date; end: Date };
type Person = { id: string; name: string };

/** London dates, inclusive, as the instants [midnight starting `from`, midnight after `to`). */
function instantsOf(period: Period): Instants {
  return { start: startOfLondonDay(period.from), end: startOfLondonDay(addDays(period.to, 1)) };
}

/** The 28 London days ending today: the "nobody has practised in four weeks" window. */
function lastFourWeeks(now: Date): Instants {
  const today = londonDate(now);
  return instantsOf({ from: addDays(today, -(FOUR_WEEKS_DAYS - 1)), to: today });
}

const between = (instants: Instants) => ({ gte: instants.start, lt: instants.end });

const RUN_STATUSES: readonly string[] = ["in-progress", "completed", "abandoned"] satisfies RunInput["status"][];

function runStatus(value: string): RunInput["status"] {
  return RUN_STATUSES.includes(value) ? (value as RunInput["status"]) : "in-progress";
}

function groupBy<Row, Key>(rows: readonly Row[], keyOf: (row: Row) => Key): Map<Key, Row[]> {
  const groups = new Map<Key, Row[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(row);
    else groups.set(keyOf(row), [row]);
  }
  return groups;
}

/**
 * One yardstick per person: someone with two supervisors is held to the more frequent rhythm,
 * so a gap never hides behind the looser agreement.
 */
function agreementsBySupervisee(
  rows: readonly { superviseeId: string; frequencyWeeks: number; durationMinutes: number }[],
): Map<string, SupervisionAgreement> {
  const chosen = new Map<string, SupervisionAgreement>();
  for (const row of rows) {
    const current = chosen.get(row.superviseeId);
    if (!current || row.frequencyWeeks < current.frequencyWeeks) {
      chosen.set(row.superviseeId, { frequencyWeeks: row.frequencyWeeks, durationMinutes: row.durationMinutes });
    }
  }
  return chosen;
}

/** A held or booked session that stands for the latest or next one, for "days since" and "next session" only. */
function marker(startsAt: Date, status: "held" | "scheduled"): SessionInput {
  return { startsAt, endsAt: startsAt, status, heldMinutes: 0 };
}

/**
 * Everything the dashboard counts for a few people (a team or one person), row by row: the runs,
 * shared reflections and sessions of the period and of the last four weeks, plus each person's
 * latest held and next booked session whenever they were. Indexed by person, so a team of 20 costs
 * a handful of small queries whatever the size of the organisation.
 */
async function loadPeople(organisationId: string, people: readonly Person[], period: Period, now: Date) {
  const ids = people.map((person) => person.id);
  const window = instantsOf(period);
  const recent = lastFourWeeks(now);
  const [runs, shared, sessions, latestHeld, nextBooked, agreements, openActions] = await Promise.all([
    prisma.practiceRun.findMany({
      where: {
        organisationId,
        userId: { in: ids },
        OR: [
          { startedAt: between(window) },
          { startedAt: between(recent) },
          { status: "completed", endedAt: between(window) },
        ],
      },
      select: { userId: true, startedAt: true, endedAt: true, status: true, practiceSeconds: true },
    }),
    prisma.reflection.findMany({
      where: { organisationId, userId: { in: ids }, sharedAt: between(window) },
      select: { userId: true, sharedAt: true },
    }),
    prisma.supervisionSession.findMany({
      where: {
        organisationId,
        superviseeId: { in: ids },
        status: { in: ["held", "scheduled"] },
        startsAt: between(window),
      },
      select: { superviseeId: true, startsAt: true, endsAt: true, status: true, heldMinutes: true },
    }),
    prisma.supervisionSession.groupBy({
      by: ["superviseeId"],
      where: { organisationId, superviseeId: { in: ids }, status: "held", startsAt: { lte: now } },
      _max: { startsAt: true },
    }),
    prisma.supervisionSession.groupBy({
      by: ["superviseeId"],
      where: { organisationId, superviseeId: { in: ids }, status: "scheduled", startsAt: { gt: now } },
      _min: { startsAt: true },
    }),
    prisma.supervisionAgreement.findMany({
      where: { organisationId, superviseeId: { in: ids } },
      select: { superviseeId: true, frequencyWeeks: true, durationMinutes: true },
    }),
    prisma.agreedAction.groupBy({
      by: ["superviseeId"],
      where: { superviseeId: { in: ids }, doneAt: null, session: { organisationId } },
      _count: { _all: true },
    }),
  ]);
  const runsOf = groupBy(runs, (run) => run.userId);
  const sharedOf = groupBy(shared, (reflection) => reflection.userId);
  const sessionsOf = groupBy(sessions, (session) => session.superviseeId);
  const latestOf = new Map(latestHeld.map((row) => [row.superviseeId, row._max.startsAt]));
  const nextOf = new Map(nextBooked.map((row) => [row.superviseeId, row._min.startsAt]));
  const agreementOf = agreementsBySupervisee(agreements);
  const actionsOf = new Map(openActions.map((row) => [row.superviseeId, row._count._all]));

  return people.map((person): PersonInput => {
    const inPeriod = (sessionsOf.get(person.id) ?? []).map((session): SessionInput => ({
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      status: session.status === "held" ? "held" : "scheduled",
      heldMinutes: session.heldMinutes,
    }));
    // The latest and next sessions may fall outside the period; a marker carries their date, never minutes.
    const latest = latestOf.get(person.id);
    const next = nextOf.get(person.id);
    const markers = [latest ? marker(latest, "held") : null, next ? marker(next, "scheduled") : null].filter(
      (extra): extra is SessionInput => extra !== null,
    );
    return {
      id: person.id,
      name: person.name,
      runs: (runsOf.get(person.id) ?? []).map((run) => ({ ...run, status: runStatus(run.status) })),
      sharedAt: (sharedOf.get(person.id) ?? []).flatMap((reflection) =>
        reflection.sharedAt ? [reflection.sharedAt] : [],
      ),
      sessions: [...inPeriod, ...markers],
      agreement: agreementOf.get(person.id) ?? null,
      openActions: actionsOf.get(person.id) ?? 0,
    };
  });
}

/** "SEND Casework Team" → "send-casework-team", for a file name. */
export function teamSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "team";
}

export type TeamCoaching = { id: string; name: string; slug: string; summary: TeamSummary; trend: WeekTrend[] };

/**
 * The teams this manager leads, in name order, each with its active members (not the manager),
 * their figures for the period and the week-by-week trend. `onlyTeamId` narrows it to one team,
 * which is empty when the manager does not lead it.
 */
export async function coachingForTeamsLedBy(input: {
  managerId: string;
  organisationId: string;
  period: Period;
  now: Date;
  onlyTeamId?: string;
}): Promise<TeamCoaching[]> {
  const { managerId, organisationId, period, now } = input;
  const teams = await prisma.team.findMany({
    where: {
      organisationId,
      ...(input.onlyTeamId === undefined ? {} : { id: input.onlyTeamId }),
      memberships: { some: { userId: managerId, role: "manager" } },
    },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      memberships: {
        where: { role: "member", userId: { not: managerId }, user: { organisationId, deactivatedAt: null } },
        select: { user: { select: { id: true, name: true } } },
      },
    },
  });
  const everyone = new Map<string, Person>();
  for (const team of teams) for (const { user } of team.memberships) everyone.set(user.id, user);
  const inputs = new Map(
    (await loadPeople(organisationId, [...everyone.values()], period, now)).map((person) => [person.id, person]),
  );
  return teams.map((team) => {
    const people = team.memberships.flatMap(({ user }) => inputs.get(user.id) ?? []);
    return {
      id: team.id,
      name: team.name,
      slug: teamSlug(team.name),
      summary: teamSummary(people, period, now),
      trend: weeklyTrend(people, period),
    };
  });
}

// One person's coaching timeline -----------------------------------------------------------------

export type TimelineEntry =
  | {
      kind: "run";
      id: string;
      at: Date;
      title: string;
      status: RunInput["status"];
      endedAt: Date | null;
      practiceSeconds: number;
    }
  | { kind: "reflection"; id: string; at: Date; title: string }
  | {
      kind: "session";
      id: string;
      at: Date;
      status: "scheduled" | "cancelled" | "held";
      /** Still to come: a past session that is still "scheduled" was never recorded. */
      upcoming: boolean;
      minutes: number;
      supervisor: string;
      /** Only the supervisor of a session can open it. */
      isViewers: boolean;
    }
  | { kind: "action-done"; id: string; at: Date; text: string | null; supervisor: string };

export type OpenAction = { id: string; text: string | null; dueOn: string; supervisor: string };

export type PersonCoaching = {
  id: string;
  name: string;
  teams: string[];
  metrics: PersonMetrics;
  timeline: TimelineEntry[];
  /** True when the period held more than the timeline shows. */
  truncated: boolean;
  openActions: OpenAction[];
};

/** Enough for a year of a busy person's timeline; the page says when there is more. */
export const TIMELINE_LIMIT = 200;

const SESSION_STATUSES: readonly string[] = ["scheduled", "cancelled", "held"];

/**
 * One member of a team this manager leads: their figures and their coaching timeline for the
 * period. Null for anyone else (another team, another organisation, the manager themselves, a
 * deactivated account), so the route answers 404 and nothing leaks. What was agreed in
 * supervision is between the two people in it: another manager of the team sees that an action
 * exists and when it is due, not its words.
 */
export async function coachingForPerson(input: {
  managerId: string;
  organisationId: string;
  personId: string;
  period: Period;
  now: Date;
}): Promise<PersonCoaching | null> {
  const { managerId, organisationId, personId, period, now } = input;
  if (personId.length > 40 || personId === managerId) return null;
  const ledByManager = {
    role: "member",
    team: { organisationId, memberships: { some: { userId: managerId, role: "manager" } } },
  };
  const person = await prisma.user.findFirst({
    where: { id: personId, organisationId, deactivatedAt: null, memberships: { some: ledByManager } },
    select: {
      id: true,
      name: true,
      memberships: {
        where: ledByManager,
        orderBy: { team: { name: "asc" } },
        select: { team: { select: { name: true } } },
      },
    },
  });
  if (!person) return null;

  const window = instantsOf(period);
  const [[figures], runs, shared, sessions, actions] = await Promise.all([
    loadPeople(organisationId, [person], period, now),
    prisma.practiceRun.findMany({
      where: { organisationId, userId: person.id, OR: [{ startedAt: between(window) }, { endedAt: between(window) }] },
      orderBy: { startedAt: "desc" },
      take: TIMELINE_LIMIT,
      select: {
        id: true,
        status: true,
        startedAt: true,
        endedAt: true,
        practiceSeconds: true,
        scenarioVersion: { select: { scenario: { select: { title: true } } } },
      },
    }),
    prisma.reflection.findMany({
      where: { organisationId, userId: person.id, sharedAt: between(window) },
      orderBy: { sharedAt: "desc" },
      take: TIMELINE_LIMIT,
      select: { id: true, title: true, sharedAt: true },
    }),
    prisma.supervisionSession.findMany({
      where: { organisationId, superviseeId: person.id, startsAt: between(window) },
      orderBy: { startsAt: "desc" },
      take: TIMELINE_LIMIT,
      select: {
        id: true,
        startsAt: true,
        endsAt: true,
        status: true,
        heldMinutes: true,
        supervisorId: true,
        supervisor: { select: { name: true } },
      },
    }),
    prisma.agreedAction.findMany({
      where: {
        superviseeId: person.id,
        session: { organisationId },
        OR: [{ doneAt: null }, { doneAt: between(window) }],
      },
      orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }],
      take: TIMELINE_LIMIT,
      select: {
        id: true,
        text: true,
        dueOn: true,
        doneAt: true,
        supervisorId: true,
        session: { select: { supervisor: { select: { name: true } } } },
      },
    }),
  ]);
  if (!figures) return null;

  const words = (action: { text: string; supervisorId: string }) =>
    action.supervisorId === managerId ? action.text : null;
  const timeline: TimelineEntry[] = [
    ...runs.map((run): TimelineEntry => ({
      kind: "run",
      id: run.id,
      at: run.startedAt,
      title: run.scenarioVersion.scenario.title,
      status: runStatus(run.status),
      endedAt: run.endedAt,
      practiceSeconds: run.practiceSeconds,
    })),
    ...shared.flatMap((reflection): TimelineEntry[] =>
      reflection.sharedAt
        ? [{ kind: "reflection", id: reflection.id, at: reflection.sharedAt, title: reflection.title }]
        : [],
    ),
    ...sessions.map((session): TimelineEntry => ({
      kind: "session",
      id: session.id,
      at: session.startsAt,
      status: SESSION_STATUSES.includes(session.status)
        ? (session.status as "scheduled" | "cancelled" | "held")
        : "scheduled",
      upcoming: session.startsAt.getTime() > now.getTime(),
      minutes:
        session.heldMinutes ??
        Math.max(0, Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000)),
      supervisor: session.supervisor.name,
      isViewers: session.supervisorId === managerId,
    })),
    ...actions.flatMap((action): TimelineEntry[] =>
      action.doneAt
        ? [
            {
              kind: "action-done",
              id: action.id,
              at: action.doneAt,
              text: words(action),
              supervisor: action.session.supervisor.name,
            },
          ]
        : [],
    ),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());

  return {
    id: person.id,
    name: person.name,
    teams: person.memberships.map((membership) => membership.team.name),
    metrics: personMetrics(figures, period, now),
    timeline,
    truncated: [runs, shared, sessions, actions].some((rows) => rows.length === TIMELINE_LIMIT),
    openActions: actions
      .filter((action) => action.doneAt === null)
      .map((action) => ({
        id: action.id,
        text: words(action),
        dueOn: action.dueOn,
        supervisor: action.session.supervisor.name,
      })),
  };
}

// The organisation view ----------------------------------------------------------------------------

export type TeamFigures = {
  id: string;
  name: string;
  people: number;
  practiceMinutes: number;
  scenariosCompleted: number;
  reflectionsShared: number;
  supervisionMinutes: number;
  overdue: number;
  noPractice: number;
  openActions: number;
};

export type OrganisationCoaching = {
  teams: TeamFigures[];
  /** Everyone in a team, counted once however many teams they are in. */
  organisation: Omit<TeamFigures, "id" | "name">;
};

/** A date as SQLite gives it back from an expression: Prisma's ISO text, or nothing. */
function sqlDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}

type RunFigures = {
  userId: string;
  seconds: number | bigint;
  firstPractised: string | null;
  completed: number | bigint;
  firstCompletedStart: string | null;
  firstCompletedEnd: string | null;
  latestRecent: string | null;
};

/**
 * Each person's runs in one pass, grouped by person: practice seconds started in the period,
 * completions ended in it, and their latest start in the last four weeks, with the dates the
 * stand-ins in `summarisedPerson` are given. One query, not three, because this table is the
 * largest by far. DateTime is ISO text in SQLite, so the comparisons below are on text, as
 * Prisma's own are.
 */
function runFigures(organisationId: string, window: Instants, recent: Instants) {
  return prisma.$queryRaw<RunFigures[]>`
    SELECT "userId",
      SUM(CASE WHEN "startedAt" >= ${window.start} AND "startedAt" < ${window.end} AND "practiceSeconds" > 0
        THEN "practiceSeconds" ELSE 0 END) AS "seconds",
      MIN(CASE WHEN "startedAt" >= ${window.start} AND "startedAt" < ${window.end} AND "practiceSeconds" > 0
        THEN "startedAt" END) AS "firstPractised",
      SUM(CASE WHEN "status" = 'completed' AND "endedAt" >= ${window.start} AND "endedAt" < ${window.end}
        THEN 1 ELSE 0 END) AS "completed",
      MIN(CASE WHEN "status" = 'completed' AND "endedAt" >= ${window.start} AND "endedAt" < ${window.end}
        THEN "startedAt" END) AS "firstCompletedStart",
      MIN(CASE WHEN "status" = 'completed' AND "endedAt" >= ${window.start} AND "endedAt" < ${window.end}
        THEN "endedAt" END) AS "firstCompletedEnd",
      MAX(CASE WHEN "startedAt" >= ${recent.start} AND "startedAt" < ${recent.end}
        THEN "startedAt" END) AS "latestRecent"
    FROM "PracticeRun"
    WHERE "organisationId" = ${organisationId} AND (
      ("startedAt" >= ${window.start} AND "startedAt" < ${window.end})
      OR ("startedAt" >= ${recent.start} AND "startedAt" < ${recent.end})
      OR ("status" = 'completed' AND "endedAt" >= ${window.start} AND "endedAt" < ${window.end}))
    GROUP BY "userId"`;
}

type HeldFigures = {
  superviseeId: string;
  minutes: number | bigint;
  firstHeld: string | null;
  latestHeld: string | null;
};

/** Each supervisee's recorded minutes held in the period, and their latest held session up to now, in one pass. */
function heldFigures(organisationId: string, window: Instants, now: Date) {
  return prisma.$queryRaw<HeldFigures[]>`
    SELECT "superviseeId",
      SUM(CASE WHEN "startsAt" >= ${window.start} AND "startsAt" < ${window.end} AND "heldMinutes" > 0
        THEN "heldMinutes" ELSE 0 END) AS "minutes",
      MIN(CASE WHEN "startsAt" >= ${window.start} AND "startsAt" < ${window.end} AND "heldMinutes" > 0
        THEN "startsAt" END) AS "firstHeld",
      MAX(CASE WHEN "startsAt" <= ${now} THEN "startsAt" END) AS "latestHeld"
    FROM "SupervisionSession"
    WHERE "organisationId" = ${organisationId} AND "status" = 'held'
      AND ("startsAt" <= ${now} OR ("startsAt" >= ${window.start} AND "startsAt" < ${window.end}))
    GROUP BY "superviseeId"`;
}

/**
 * Each person's period in summary, as grouped SQL rather than rows: a few queries, each grouped
 * by person, so the organisation view never loads a run. What comes back is turned into an
 * equivalent PersonInput (see `summarisedPerson`), so the same rules as the team dashboard give
 * the same figures and flags, and the two views always agree.
 */
async function summarisedPeople(organisationId: string, people: readonly Person[], period: Period, now: Date) {
  const window = instantsOf(period);
  const [runs, held, heldUnrecorded, shared, agreements, openActions] = await Promise.all([
    runFigures(organisationId, window, lastFourWeeks(now)),
    heldFigures(organisationId, window, now),
    // Held but never given minutes: rare, and the rules count their booked length instead.
    prisma.supervisionSession.findMany({
      where: { organisationId, status: "held", startsAt: between(window), heldMinutes: null },
      select: { superviseeId: true, startsAt: true, endsAt: true, heldMinutes: true },
    }),
    prisma.reflection.groupBy({
      by: ["userId"],
      where: { organisationId, sharedAt: between(window) },
      _count: { _all: true },
      _min: { sharedAt: true },
    }),
    prisma.supervisionAgreement.findMany({
      where: { organisationId },
      select: { superviseeId: true, frequencyWeeks: true, durationMinutes: true },
    }),
    prisma.agreedAction.groupBy({
      by: ["superviseeId"],
      where: { doneAt: null, session: { organisationId } },
      _count: { _all: true },
    }),
  ]);
  const figures: Figures = {
    runs: new Map(runs.map((row) => [row.userId, row])),
    held: new Map(held.map((row) => [row.superviseeId, row])),
    heldUnrecorded: groupBy(heldUnrecorded, (session) => session.superviseeId),
    shared: new Map(shared.map((row) => [row.userId, { count: row._count._all, first: row._min.sharedAt }])),
    agreements: agreementsBySupervisee(agreements),
    openActions: new Map(openActions.map((row) => [row.superviseeId, row._count._all])),
  };
  return people.map((person) => summarisedPerson(person, figures));
}

type Figures = {
  runs: Map<string, RunFigures>;
  held: Map<string, HeldFigures>;
  heldUnrecorded: Map<string, { startsAt: Date; endsAt: Date; heldMinutes: number | null }[]>;
  shared: Map<string, { count: number; first: Date | null }>;
  agreements: Map<string, SupervisionAgreement>;
  openActions: Map<string, number>;
};

/**
 * A person's grouped figures as a PersonInput the rules read exactly as they would read every row.
 * Each stand-in is dated at a real event of the right kind inside the right window (the first run
 * of the period, the latest run of the last four weeks, the first held session...), so it counts
 * where the rows it stands for count, and "practised in four weeks" and "days since supervision"
 * see the same dates. Only the figures move: all the period's practice seconds ride on one run,
 * the held minutes on one session.
 */
function summarisedPerson(person: Person, figures: Figures): PersonInput {
  const runs: RunInput[] = [];
  const run = figures.runs.get(person.id);
  const firstPractised = sqlDate(run?.firstPractised ?? null);
  if (run && firstPractised) {
    runs.push({
      startedAt: firstPractised,
      endedAt: null,
      status: "in-progress",
      practiceSeconds: Number(run.seconds),
    });
  }
  const completedStart = sqlDate(run?.firstCompletedStart ?? null);
  const completedEnd = sqlDate(run?.firstCompletedEnd ?? null);
  if (run && completedStart && completedEnd) {
    const stand = {
      startedAt: completedStart,
      endedAt: completedEnd,
      status: "completed",
      practiceSeconds: 0,
    } as const;
    for (let count = 0; count < Number(run.completed); count++) runs.push(stand);
  }
  const latestRecent = sqlDate(run?.latestRecent ?? null);
  if (latestRecent) runs.push({ startedAt: latestRecent, endedAt: null, status: "in-progress", practiceSeconds: 0 });

  const sessions: SessionInput[] = (figures.heldUnrecorded.get(person.id) ?? []).map((session) => ({
    ...session,
    status: "held",
  }));
  const held = figures.held.get(person.id);
  const firstHeld = sqlDate(held?.firstHeld ?? null);
  if (held && firstHeld) {
    sessions.push({ startsAt: firstHeld, endsAt: firstHeld, status: "held", heldMinutes: Number(held.minutes) });
  }
  const latestHeld = sqlDate(held?.latestHeld ?? null);
  if (latestHeld) sessions.push(marker(latestHeld, "held"));

  const shared = figures.shared.get(person.id);
  const sharedAt = shared?.first ? Array.from({ length: shared.count }, () => shared.first as Date) : [];
  return {
    id: person.id,
    name: person.name,
    runs,
    sharedAt,
    sessions,
    agreement: figures.agreements.get(person.id) ?? null,
    openActions: figures.openActions.get(person.id) ?? 0,
  };
}

function figuresOf(summary: TeamSummary): Omit<TeamFigures, "id" | "name"> {
  const { totals } = summary;
  return {
    people: summary.people.length,
    practiceMinutes: totals.practiceMinutes,
    scenariosCompleted: totals.scenariosCompleted,
    reflectionsShared: totals.reflectionsShared,
    supervisionMinutes: totals.supervisionMinutes,
    overdue: totals.overdue,
    noPractice: totals.noPractice,
    openActions: totals.openActions,
  };
}

/**
 * The organisation's row from everyone's rows, added up as teamSummary adds up a team (the bench
 * and the integration tests check the two agree). Working out each person's figures is the costly
 * part, so it is done once per person, in their teams, and not again for the whole organisation.
 */
function addUp(people: readonly PersonMetrics[]): Omit<TeamFigures, "id" | "name"> {
  const sum = (pick: (person: PersonMetrics) => number) => people.reduce((total, person) => total + pick(person), 0);
  return {
    people: people.length,
    practiceMinutes: sum((person) => person.practiceMinutes),
    scenariosCompleted: sum((person) => person.scenariosCompleted),
    reflectionsShared: sum((person) => person.reflectionsShared),
    supervisionMinutes: sum((person) => person.supervisionMinutes),
    overdue: people.filter((person) => person.flags.supervisionOverdue).length,
    noPractice: people.filter((person) => person.flags.noPracticeInFourWeeks).length,
    openActions: sum((person) => person.openActions),
  };
}

/**
 * Every team in the organisation, in name order, with its members' figures added up: for heads of
 * service, who see teams, never a list of people. Someone in two teams counts in both teams, and
 * once in the organisation's total.
 */
export async function coachingForOrganisation(
  organisationId: string,
  period: Period,
  now: Date,
): Promise<OrganisationCoaching> {
  const [teams, memberships, people] = await Promise.all([
    prisma.team.findMany({ where: { organisationId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.teamMembership.findMany({
      where: { role: "member", team: { organisationId } },
      select: { teamId: true, userId: true },
    }),
    prisma.user.findMany({
      where: { organisationId, deactivatedAt: null, memberships: { some: { role: "member" } } },
      select: { id: true, name: true },
    }),
  ]);
  const inputs = await summarisedPeople(organisationId, people, period, now);
  const inputOf = new Map(inputs.map((person) => [person.id, person]));
  const membersOf = groupBy(memberships, (membership) => membership.teamId);
  const everyone = new Map<string, PersonMetrics>();
  const rows = teams.map((team) => {
    const members = (membersOf.get(team.id) ?? []).flatMap((membership) => inputOf.get(membership.userId) ?? []);
    const summary = teamSummary(members, period, now);
    for (const person of summary.people) everyone.set(person.id, person);
    return { id: team.id, name: team.name, ...figuresOf(summary) };
  });
  return { teams: rows, organisation: addUp([...everyone.values()]) };
}
