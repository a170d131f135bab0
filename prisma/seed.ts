/**
 * Demo data: two invented organisations. Every person here is fictional.
 * Idempotent: an organisation that already exists is left alone.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { addDays, fromLondonWallClock, londonDate } from "../app/domain/london-time";
import type { Role } from "../app/domain/roles";
import { choose, start, type PlayState } from "../app/domain/scenario/engine";
import type { Scenario } from "../app/domain/scenario/schema";
import { prisma } from "../app/services/db.server";
import { hashPassword } from "../app/services/password.server";
import { draftIdentity } from "../app/models/scenario-draft.server";

export const DEMO_PASSWORD = "practise-with-heart";
const DEMO_DIR = path.join("prisma", "demo");

type DemoPerson = {
  email: string;
  name: string;
  roles: Role[];
  teams?: { team: string; as: "member" | "manager" }[];
};

type DemoOrganisation = {
  slug: string;
  name: string;
  kind: "council" | "trust";
  teams: string[];
  people: DemoPerson[];
  supervision?: DemoOrganisationSupervision;
  practice?: DemoPractice;
  studio?: DemoStudio;
};

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    slug: "northbridge",
    name: "Northbridge Borough Council",
    kind: "council",
    teams: ["EHC Assessment Team", "SEND Casework Team"],
    supervision: [
      {
        supervisor: "manager@northbridge.example",
        supervisee: "grace.adeyemi@northbridge.example",
        everyWeeks: 4,
        sessions: [
          {
            day: -20,
            held: {
              minutes: 55,
              confirmed: true,
              support: "A heavy fortnight of annual reviews; talked about protecting lunch breaks.",
              development: "Wants more confidence giving difficult news by phone.",
            },
          },
          { day: 8 },
        ],
        actions: [
          { text: "Practise 'The phone call before the letter' and reflect on it", dueInDays: 5 },
          { text: "Block out lunch twice a week in the diary", dueInDays: -10, done: true },
        ],
      },
      {
        supervisor: "manager@northbridge.example",
        supervisee: "wei.chen@northbridge.example",
        everyWeeks: 4,
        sessions: [
          {
            day: -40,
            held: {
              minutes: 60,
              confirmed: false,
              support: "Settling in well after moving from the EHC team.",
              development: "Interested in co-producing SEN support targets with families.",
            },
          },
        ],
        actions: [{ text: "Shadow a SENCO planning meeting", dueInDays: -3 }],
      },
    ],
    people: [
      { email: "admin@northbridge.example", name: "Marcus Ellison", roles: ["admin"] },
      {
        email: "manager@northbridge.example",
        name: "Priya Raman",
        roles: ["manager"],
        teams: [{ team: "SEND Casework Team", as: "manager" }],
      },
      {
        email: "daniel.okafor@northbridge.example",
        name: "Daniel Okafor",
        roles: ["manager"],
        teams: [{ team: "EHC Assessment Team", as: "manager" }],
      },
      {
        email: "practitioner@northbridge.example",
        name: "Amira Hussain",
        roles: ["practitioner"],
        teams: [{ team: "SEND Casework Team", as: "member" }],
      },
      {
        email: "tomasz.nowak@northbridge.example",
        name: "Tomasz Nowak",
        roles: ["practitioner"],
        teams: [{ team: "SEND Casework Team", as: "member" }],
      },
      {
        email: "grace.adeyemi@northbridge.example",
        name: "Grace Adeyemi",
        roles: ["practitioner"],
        teams: [{ team: "SEND Casework Team", as: "member" }],
      },
      {
        email: "siobhan.kelly@northbridge.example",
        name: "Siobhan Kelly",
        roles: ["practitioner"],
        teams: [{ team: "EHC Assessment Team", as: "member" }],
      },
      {
        email: "jamal.reid@northbridge.example",
        name: "Jamal Reid",
        roles: ["practitioner"],
        teams: [{ team: "EHC Assessment Team", as: "member" }],
      },
      {
        email: "hannah.pryce@northbridge.example",
        name: "Hannah Pryce",
        roles: ["practitioner"],
        teams: [{ team: "EHC Assessment Team", as: "member" }],
      },
      {
        email: "wei.chen@northbridge.example",
        name: "Wei Chen",
        roles: ["practitioner", "trainer"],
        teams: [{ team: "SEND Casework Team", as: "member" }],
      },
      { email: "trainer@northbridge.example", name: "Fatima Begum", roles: ["trainer"] },
      { email: "reviewer@northbridge.example", name: "Carol Whitfield", roles: ["reviewer"] },
    ],
    practice: {
      scenario: "phone-before-the-letter",
      // Not the demo sign-in accounts, so their own pages start empty.
      people: [
        "tomasz.nowak@northbridge.example",
        "grace.adeyemi@northbridge.example",
        "siobhan.kelly@northbridge.example",
        "jamal.reid@northbridge.example",
        "hannah.pryce@northbridge.example",
        "wei.chen@northbridge.example",
      ],
      // 16 plays: 11 completed (6 heard, 5 informed), 5 stopped part way (3 after hearing the decision, 2 angry).
      plays: [
        ...repeat(4, {
          ended: "completed",
          choices: [
            "introduce-and-check-time",
            "warn-then-tell",
            "explain-reasons",
            "explain-plainly",
            "check-and-confirm",
            "agree-plan",
          ],
        }),
        ...repeat(2, {
          ended: "completed",
          choices: [
            "introduce-and-check-time",
            "warn-then-tell",
            "ask-about-home",
            "reflect-back",
            "continue",
            "explain-plainly",
            "check-and-confirm",
            "agree-plan",
          ],
        }),
        ...repeat(2, {
          ended: "completed",
          choices: [
            "introduce-and-check-time",
            "warn-then-tell",
            "explain-reasons",
            "explain-plainly",
            "check-and-confirm",
            "offer-written-summary",
          ],
        }),
        {
          ended: "completed",
          choices: [
            "straight-to-decision",
            "acknowledge-bluntness",
            "explain-reasons",
            "explain-plainly",
            "check-and-confirm",
            "offer-written-summary",
          ],
        },
        ...repeat(2, { ended: "completed", choices: ["straight-to-decision", "defend-process", "offer-call-back"] }),
        ...repeat(3, { ended: "abandoned", choices: ["introduce-and-check-time", "warn-then-tell"] }),
        ...repeat(2, { ended: "abandoned", choices: ["straight-to-decision", "defend-process"] }),
      ],
    },
    studio: {
      file: "a-word-before-the-review.yaml",
      trainer: "trainer@northbridge.example",
      note: "A short one for SENCOs. Does Lorna sound like a parent you know?",
      comment: {
        by: "reviewer@northbridge.example",
        nodeId: "lunchtimes",
        body: "This rings true. I would add that she has asked about lunchtimes before and nothing happened.",
      },
    },
  },
  {
    slug: "eastmoor",
    name: "Eastmoor Learning Trust",
    kind: "trust",
    teams: ["Inclusion Team"],
    people: [
      { email: "admin@eastmoor.example", name: "Helen Marsh", roles: ["admin"] },
      {
        email: "manager@eastmoor.example",
        name: "Kwame Mensah",
        roles: ["manager"],
        teams: [{ team: "Inclusion Team", as: "manager" }],
      },
      {
        email: "practitioner@eastmoor.example",
        name: "Sophie Turner-Ali",
        roles: ["practitioner"],
        teams: [{ team: "Inclusion Team", as: "member" }],
      },
    ],
  },
];

async function seedOrganisation(organisation: DemoOrganisation): Promise<boolean> {
  const existing = await prisma.organisation.findUnique({ where: { slug: organisation.slug }, select: { id: true } });
  if (existing) return false;
  const hashes = await Promise.all(organisation.people.map(() => hashPassword(DEMO_PASSWORD)));
  await prisma.$transaction(async (tx) => {
    const created = await tx.organisation.create({
      data: { slug: organisation.slug, name: organisation.name, kind: organisation.kind },
      select: { id: true },
    });
    const teamIds = new Map<string, string>();
    for (const name of organisation.teams) {
      const team = await tx.team.create({ data: { name, organisationId: created.id }, select: { id: true } });
      teamIds.set(name, team.id);
    }
    for (const [index, person] of organisation.people.entries()) {
      await tx.user.create({
        data: {
          organisationId: created.id,
          email: person.email,
          name: person.name,
          passwordHash: hashes[index] ?? null,
          roles: { create: person.roles.map((role) => ({ role })) },
          memberships: {
            create: (person.teams ?? []).map((membership) => ({
              role: membership.as,
              team: { connect: { id: teamIds.get(membership.team) } },
            })),
          },
        },
      });
    }
    if (organisation.supervision) await seedSupervision(tx, created.id, organisation.supervision);
    if (organisation.practice) await seedPractice(tx, created.id, organisation.practice);
    if (organisation.studio) await seedStudio(tx, created.id, organisation.studio);
  });
  return true;
}

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/** Supervision so the demo's dashboards and supervision pages have something to show. */
type DemoOrganisationSupervision = readonly DemoSupervision[];

type DemoSupervision = {
  supervisor: string;
  supervisee: string;
  everyWeeks: number;
  /** Sessions as days from today at 10:00 UK time; negative days have happened. */
  sessions: { day: number; held?: { minutes: number; confirmed: boolean; support: string; development: string } }[];
  actions?: { text: string; dueInDays: number; done?: boolean }[];
};

async function seedSupervision(tx: Tx, organisationId: string, pairs: readonly DemoSupervision[]): Promise<void> {
  const idOf = async (email: string) =>
    (await tx.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
  const today = londonDate(new Date());
  for (const pair of pairs) {
    const [supervisorId, superviseeId] = await Promise.all([idOf(pair.supervisor), idOf(pair.supervisee)]);
    const location = "Room 2.14, Northbridge House";
    await tx.supervisionAgreement.create({
      data: {
        organisationId,
        supervisorId,
        superviseeId,
        frequencyWeeks: pair.everyWeeks,
        durationMinutes: 60,
        location,
      },
    });
    let lastHeld: string | null = null;
    for (const session of pair.sessions) {
      const startsAt = fromLondonWallClock(`${addDays(today, session.day)}T10:00`)!;
      const held = session.held;
      const created = await tx.supervisionSession.create({
        data: {
          organisationId,
          supervisorId,
          superviseeId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 60 * 60 * 1000),
          location,
          ...(held
            ? {
                status: "held",
                heldMinutes: held.minutes,
                recordedAt: startsAt,
                confirmedAt: held.confirmed ? startsAt : null,
                notesSupport: held.support,
                notesDevelopment: held.development,
              }
            : {}),
          changes: {
            create: { byUserId: supervisorId, kind: "scheduled", at: new Date(startsAt.getTime() - 14 * 86_400_000) },
          },
        },
        select: { id: true },
      });
      if (held) lastHeld = created.id;
    }
    if (lastHeld && pair.actions) {
      for (const action of pair.actions) {
        await tx.agreedAction.create({
          data: {
            sessionId: lastHeld,
            supervisorId,
            superviseeId,
            ownerId: superviseeId,
            text: action.text,
            dueOn: addDays(today, action.dueInDays),
            doneAt: action.done ? new Date() : null,
          },
        });
      }
    }
  }
}

/** Scripted plays of one library scenario, so the studio's figures from practice have something to show. */
type DemoPractice = {
  scenario: string;
  /** Who played, in turn. */
  people: string[];
  plays: DemoPlay[];
};

type DemoPlay = { ended: "completed" | "abandoned"; choices: string[] };

function repeat(count: number, play: DemoPlay): DemoPlay[] {
  return Array.from({ length: count }, () => play);
}

const SECONDS_PER_MOVE = 45;

/**
 * Each play's choices go through the engine, so its steps and state are what playing would
 * have stored. Needs the library loaded first; without it there is nothing to play, and the
 * plays are left out.
 */
async function seedPractice(tx: Tx, organisationId: string, practice: DemoPractice): Promise<void> {
  const version = await tx.scenarioVersion.findFirst({
    where: { scenario: { origin: "library", organisationId: null, slug: practice.scenario } },
    orderBy: { number: "desc" },
    select: { id: true, content: true },
  });
  if (!version) return;
  const scenario = JSON.parse(version.content) as Scenario;
  const people = await tx.user.findMany({
    where: { email: { in: practice.people } },
    select: { id: true, email: true },
  });
  const idOf = new Map(people.map((person) => [person.email, person.id]));
  for (const [index, play] of practice.plays.entries()) {
    const userId = idOf.get(practice.people[index % practice.people.length]!)!;
    let state: PlayState = start(scenario);
    const startedAt = new Date(Date.now() - (5 + 2 * index) * 24 * 60 * 60 * 1000);
    const steps = play.choices.map((choiceId, number) => {
      const moved = choose(scenario, state, choiceId);
      if (!moved.ok) throw new Error(`Demo play ${index + 1}: ${moved.error.message}`);
      const step = {
        number: number + 1,
        nodeId: state.node,
        choiceId,
        createdAt: new Date(startedAt.getTime() + (number + 1) * SECONDS_PER_MOVE * 1000),
      };
      state = moved.state;
      return step;
    });
    const endedAt = new Date(startedAt.getTime() + (steps.length + 1) * SECONDS_PER_MOVE * 1000);
    const finished = scenario.nodes.find((node) => node.id === state.node)?.type === "ending";
    if (finished !== (play.ended === "completed")) throw new Error(`Demo play ${index + 1} does not end as described`);
    await tx.practiceRun.create({
      data: {
        userId,
        organisationId,
        scenarioVersionId: version.id,
        status: play.ended,
        state: JSON.stringify(state),
        stepCount: steps.length,
        practiceSeconds: (steps.length + 1) * SECONDS_PER_MOVE,
        startedAt,
        lastActivityAt: endedAt,
        endedAt,
        steps: { create: steps },
      },
      select: { id: true },
    });
  }
}

/** A draft in review in the studio, with a reviewer's comment, so trainers and reviewers have a thread to open. */
type DemoStudio = {
  /** A scenario file in prisma/demo/. */
  file: string;
  trainer: string;
  note: string;
  comment: { by: string; nodeId: string; body: string };
};

async function seedStudio(tx: Tx, organisationId: string, studio: DemoStudio): Promise<void> {
  const source = await readFile(path.join(DEMO_DIR, studio.file), "utf8");
  const person = async (email: string) =>
    (await tx.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
  const [trainerId, reviewerId] = [await person(studio.trainer), await person(studio.comment.by)];
  const { slug, title } = draftIdentity(source);
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
  await tx.scenarioDraft.create({
    data: {
      organisationId,
      slug,
      title,
      source,
      status: "in-review",
      reviewRound: 1,
      submittedAt: hoursAgo(26),
      createdById: trainerId,
      updatedById: trainerId,
      reviewComments: {
        create: [
          {
            organisationId,
            authorId: trainerId,
            kind: "submitted",
            body: studio.note,
            round: 1,
            draftVersion: 1,
            createdAt: hoursAgo(26),
          },
          {
            organisationId,
            authorId: reviewerId,
            kind: "comment",
            nodeId: studio.comment.nodeId,
            body: studio.comment.body,
            round: 1,
            draftVersion: 1,
            createdAt: hoursAgo(3),
          },
        ],
      },
    },
    select: { id: true },
  });
}

export async function seedDemo(): Promise<"seeded" | "already there"> {
  let seededAny = false;
  for (const organisation of DEMO_ORGANISATIONS) {
    seededAny = (await seedOrganisation(organisation)) || seededAny;
  }
  return seededAny ? "seeded" : "already there";
}
