/**
 * `npm run bench:dashboard [-- --team-samples 200 --organisation-samples 30 --seed 1
 *                             --without-dashboard-indexes --keep]`
 *
 * The coaching-time dashboards at scale (issue 6, "Performance"). Generates, into a temporary
 * SQLite database migrated like the real one, one organisation with 5,000 people in 250 teams
 * (20 members and one manager each), 200,000 practice runs with 1,000,000 steps, 100,000
 * reflections (about a third shared), 50,000 supervision sessions with their agreements and
 * 25,000 agreed actions, spread over the last year. Rows go in through better-sqlite3 prepared
 * statements in transactions: Prisma would take minutes.
 *
 * Then it calls the model functions the pages call (app/models/coaching.server.ts), in this
 * process, and times them: the /team loader for one manager's team of 20 (target p95 < 50 ms)
 * and the organisation view (target p95 < 500 ms). It checks that the two views agree: each
 * sampled team's totals on /team equal its row in the organisation view.
 *
 * The indexes the dashboards need come with the migrations (prisma/migrations/*dashboard_indexes);
 * --without-dashboard-indexes drops them from the temporary database to show what they are worth.
 * Exits non-zero when the views disagree;
 * a missed target is printed as "over budget" only.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { summarise, type Summary } from "./bench/stats";

const TEAM_P95_TARGET_MS = 50;
const ORGANISATION_P95_TARGET_MS = 500;

const SHAPE = {
  teams: 250,
  peoplePerTeam: 20,
  runs: 200_000,
  stepsPerRun: 5,
  reflections: 100_000,
  sessionsPerPerson: 10,
  actions: 25_000,
  scenarios: 12,
};

/**
 * The indexes added for the dashboards (schema.prisma, migration "dashboard_indexes").
 * Each serves a query in app/models/coaching.server.ts that would otherwise read far more rows:
 * - a team's runs in a period: by person and start, not the whole organisation's period;
 * - the organisation's completions in a period are found by when a run ended, not when it started;
 * - the organisation's shared reflections by when they were shared, not by scanning them all.
 */
const DASHBOARD_INDEXES = [
  "PracticeRun_userId_startedAt_idx",
  "PracticeRun_organisationId_endedAt_idx",
  "Reflection_organisationId_sharedAt_idx",
];

type Options = {
  teamSamples: number;
  organisationSamples: number;
  seed: number;
  withoutDashboardIndexes: boolean;
  keep: boolean;
};

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      "team-samples": { type: "string", default: "200" },
      "organisation-samples": { type: "string", default: "30" },
      seed: { type: "string", default: "1" },
      "without-dashboard-indexes": { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
    },
  });
  const positive = (name: string, raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} must be a whole number of at least 1 (got "${raw}").`);
    return value;
  };
  return {
    teamSamples: positive("team-samples", values["team-samples"]),
    organisationSamples: positive("organisation-samples", values["organisation-samples"]),
    seed: positive("seed", values.seed),
    withoutDashboardIndexes: values["without-dashboard-indexes"],
    keep: values.keep,
  };
}

/** mulberry32: small, fast, and the same data on every run with the same seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** DateTime as Prisma's SQLite adapter writes it, so SQL comparisons of the text stay in order. */
function sqlDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function migrate(databaseUrl: string): void {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join("scripts", "db.ts"), "migrate"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (result.status !== 0)
    throw new Error(`Migrating the benchmark database failed:\n${result.stderr}${result.stdout}`);
}

type Generated = { organisationId: string; managerIds: string[]; counts: Record<string, number> };

/** Person `index` leads team `index / 20` when `index % 20 === 0`, and is a member of the next team. */
function generate(file: string, seed: number, now: Date): Generated {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const stamp = sqlDate(now);
  const organisationId = "bench-organisation";
  const people = SHAPE.teams * SHAPE.peoplePerTeam;
  const personId = (index: number) => `bench-person-${index}`;
  const teamOf = (index: number) => Math.floor(index / SHAPE.peoplePerTeam);
  const isManager = (index: number) => index % SHAPE.peoplePerTeam === 0;
  /** Whoever leads the team this person is a member of: a manager's own supervisor leads the next team. */
  const supervisorOf = (index: number) =>
    personId(((isManager(index) ? teamOf(index) + 1 : teamOf(index)) % SHAPE.teams) * SHAPE.peoplePerTeam);
  const counts: Record<string, number> = {};
  const insert = (table: string, columns: string[], rows: (add: (...values: unknown[]) => void) => void) => {
    const statement = db.prepare(
      `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    );
    let count = 0;
    db.transaction(() =>
      rows((...values) => {
        statement.run(...values);
        count++;
      }),
    )();
    counts[table] = (counts[table] ?? 0) + count;
  };
  const FIRST = [
    "Aisha",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Farah",
    "George",
    "Hana",
    "Idris",
    "Jade",
    "Kofi",
    "Lena",
    "Mo",
    "Nia",
    "Owen",
    "Priti",
  ];
  const LAST = [
    "Ahmed",
    "Brown",
    "Clarke",
    "Davies",
    "Evans",
    "Fofana",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Mistry",
    "Nowak",
    "Okoro",
    "Patel",
  ];

  insert("Organisation", ["id", "slug", "name", "kind", "createdAt", "updatedAt"], (add) =>
    add(organisationId, "bench", "Benchmark Borough Council", "council", stamp, stamp),
  );
  insert("Team", ["id", "organisationId", "name", "createdAt", "updatedAt"], (add) => {
    for (let team = 0; team < SHAPE.teams; team++)
      add(`bench-team-${team}`, organisationId, `Team ${String(team).padStart(3, "0")}`, stamp, stamp);
  });
  insert("User", ["id", "organisationId", "email", "name", "createdAt", "updatedAt"], (add) => {
    for (let index = 0; index < people; index++) {
      add(
        personId(index),
        organisationId,
        `bench.${index}@example.org`,
        `${pick(FIRST)} ${pick(LAST)} ${index}`,
        stamp,
        stamp,
      );
    }
  });
  insert("UserRole", ["userId", "role", "createdAt"], (add) => {
    for (let index = 0; index < people; index++) {
      add(personId(index), "practitioner", stamp);
      if (isManager(index)) add(personId(index), "manager", stamp);
    }
  });
  insert("TeamMembership", ["id", "teamId", "userId", "role", "createdAt"], (add) => {
    for (let index = 0; index < people; index++) {
      const team = teamOf(index);
      if (isManager(index)) {
        add(`bench-lead-${index}`, `bench-team-${team}`, personId(index), "manager", stamp);
        add(`bench-member-${index}`, `bench-team-${(team + 1) % SHAPE.teams}`, personId(index), "member", stamp);
      } else {
        add(`bench-member-${index}`, `bench-team-${team}`, personId(index), "member", stamp);
      }
    }
  });
  insert("Scenario", ["id", "slug", "origin", "title", "createdAt", "updatedAt"], (add) => {
    for (let scenario = 0; scenario < SHAPE.scenarios; scenario++)
      add(`bench-scenario-${scenario}`, `bench-${scenario}`, "bench", `Scenario ${scenario}`, stamp, stamp);
  });
  insert("ScenarioVersion", ["id", "scenarioId", "number", "contentHash", "source", "content", "createdAt"], (add) => {
    for (let scenario = 0; scenario < SHAPE.scenarios; scenario++)
      add(`bench-version-${scenario}`, `bench-scenario-${scenario}`, 1, `hash-${scenario}`, "", "{}", stamp);
  });

  const yearAgo = now.getTime() - 365 * DAY_MS;
  const runIds: string[] = [];
  const runColumns = [
    "id",
    "userId",
    "organisationId",
    "scenarioVersionId",
    "status",
    "state",
    "stepCount",
    "practiceSeconds",
    "startedAt",
    "lastActivityAt",
    "endedAt",
  ];
  const stepColumns = ["id", "runId", "number", "nodeId", "choiceId", "createdAt"];
  // Steps are written with their run, in slices, so a million rows never sit in memory at once.
  const SLICE = 20_000;
  for (let first = 0; first < SHAPE.runs; first += SLICE) {
    const steps: unknown[][] = [];
    insert("PracticeRun", runColumns, (add) => {
      for (let run = first; run < Math.min(SHAPE.runs, first + SLICE); run++) {
        const id = `bench-run-${run}`;
        const startedAt = yearAgo + random() * 365 * DAY_MS;
        const seconds = between(60, 1_800);
        const roll = random();
        // Runs left open are recent; older ones were completed or stopped.
        const status =
          roll < 0.7
            ? "completed"
            : roll < 0.9 || now.getTime() - startedAt > 14 * DAY_MS
              ? "abandoned"
              : "in-progress";
        const ended =
          status === "in-progress" ? null : sqlDate(new Date(startedAt + seconds * 1000 + between(0, 600) * 1000));
        add(
          id,
          personId(between(0, people - 1)),
          organisationId,
          `bench-version-${between(0, SHAPE.scenarios - 1)}`,
          status,
          "{}",
          SHAPE.stepsPerRun,
          seconds,
          sqlDate(new Date(startedAt)),
          ended ?? sqlDate(new Date(startedAt + seconds * 1000)),
          ended,
        );
        runIds.push(id);
        for (let step = 1; step <= SHAPE.stepsPerRun; step++) {
          steps.push([
            `${id}-step-${step}`,
            id,
            step,
            `node-${step}`,
            `choice-${between(1, 3)}`,
            sqlDate(new Date(startedAt + (step * seconds * 1000) / SHAPE.stepsPerRun)),
          ]);
        }
      }
    });
    insert("PracticeStep", stepColumns, (add) => {
      for (const step of steps) add(...step);
    });
  }

  insert(
    "Reflection",
    ["id", "userId", "organisationId", "runId", "framework", "title", "answers", "sharedAt", "createdAt", "updatedAt"],
    (add) => {
      for (let reflection = 0; reflection < SHAPE.reflections; reflection++) {
        const created = yearAgo + random() * 365 * DAY_MS;
        const shared =
          random() < 0.35 ? sqlDate(new Date(Math.min(now.getTime(), created + random() * 3 * DAY_MS))) : null;
        const runId = random() < 0.5 ? pick(runIds) : null;
        add(
          `bench-reflection-${reflection}`,
          personId(between(0, people - 1)),
          organisationId,
          runId,
          "what-so-what-now-what",
          `Reflection ${reflection}`,
          "{}",
          shared,
          sqlDate(new Date(created)),
          sqlDate(new Date(created)),
        );
      }
    },
  );

  insert(
    "SupervisionAgreement",
    [
      "id",
      "organisationId",
      "supervisorId",
      "superviseeId",
      "frequencyWeeks",
      "durationMinutes",
      "location",
      "createdAt",
      "updatedAt",
    ],
    (add) => {
      for (let index = 0; index < people; index++) {
        add(
          `bench-agreement-${index}`,
          organisationId,
          supervisorOf(index),
          personId(index),
          pick([2, 4, 4, 4, 6]),
          60,
          "Room 1",
          stamp,
          stamp,
        );
      }
    },
  );

  const heldSessions: { id: string; supervisorId: string; superviseeId: string; startsAt: number }[] = [];
  insert(
    "SupervisionSession",
    [
      "id",
      "organisationId",
      "supervisorId",
      "superviseeId",
      "startsAt",
      "endsAt",
      "location",
      "status",
      "heldMinutes",
      "recordedAt",
      "createdAt",
      "updatedAt",
    ],
    (add) => {
      for (let index = 0; index < people; index++) {
        // About every five weeks, the next one booked ahead; now and then one is cancelled.
        for (let session = 0; session < SHAPE.sessionsPerPerson; session++) {
          const startsAt = now.getTime() + (20 - session * 35 + between(-7, 7)) * DAY_MS;
          const future = startsAt > now.getTime();
          const status = future ? "scheduled" : random() < 0.1 ? "cancelled" : "held";
          const held = status === "held" ? between(40, 75) : null;
          const id = `bench-session-${index}-${session}`;
          add(
            id,
            organisationId,
            supervisorOf(index),
            personId(index),
            sqlDate(new Date(startsAt)),
            sqlDate(new Date(startsAt + 60 * MINUTE_MS)),
            "Room 1",
            status,
            held,
            held === null ? null : sqlDate(new Date(startsAt + DAY_MS)),
            stamp,
            stamp,
          );
          if (status === "held")
            heldSessions.push({ id, supervisorId: supervisorOf(index), superviseeId: personId(index), startsAt });
        }
      }
    },
  );

  insert(
    "AgreedAction",
    ["id", "sessionId", "supervisorId", "superviseeId", "ownerId", "text", "dueOn", "doneAt", "createdAt"],
    (add) => {
      for (let action = 0; action < SHAPE.actions; action++) {
        const session = pick(heldSessions);
        const due = new Date(session.startsAt + 14 * DAY_MS);
        const done = random() < 0.8 ? sqlDate(new Date(Math.min(now.getTime(), due.getTime()))) : null;
        add(
          `bench-action-${action}`,
          session.id,
          session.supervisorId,
          session.superviseeId,
          session.superviseeId,
          "Try the phone call first",
          due.toISOString().slice(0, 10),
          done,
          sqlDate(new Date(session.startsAt)),
        );
      }
    },
  );
  db.pragma("optimize");
  db.close();
  const managerIds = Array.from({ length: SHAPE.teams }, (_, team) => personId(team * SHAPE.peoplePerTeam));
  return { organisationId, managerIds, counts };
}

/** Refreshes SQLite's statistics after the bulk load, optionally dropping the dashboards' indexes first. */
function prepareIndexes(file: string, dropDashboardIndexes: boolean): void {
  const db = new Database(file);
  if (dropDashboardIndexes) for (const name of DASHBOARD_INDEXES) db.exec(`DROP INDEX IF EXISTS "${name}"`);
  db.exec("ANALYZE");
  db.close();
}

async function time(samples: number, warmUp: number, task: (sample: number) => Promise<unknown>): Promise<Summary> {
  for (let sample = 0; sample < warmUp; sample++) await task(sample);
  const durations: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    const started = performance.now();
    await task(sample);
    durations.push(performance.now() - started);
  }
  return summarise(durations);
}

function report(what: string, summary: Summary, target: number): boolean {
  const within = summary.p95 < target;
  console.log(
    `${what} (${summary.count} samples): p50 ${summary.p50} ms, p95 ${summary.p95} ms, p99 ${summary.p99} ms — target p95 < ${target} ms: ${within ? "within budget" : "over budget"}`,
  );
  return within;
}

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "heartwork-bench-dashboard-"));
  const file = path.join(tempDir, "bench.db");
  const databaseUrl = `file:${file}`;
  const cleanUp = () => {
    if (!options.keep) fs.rmSync(tempDir, { recursive: true, force: true });
  };
  process.once("SIGINT", () => {
    cleanUp();
    process.exit(130);
  });
  try {
    const now = new Date();
    let started = performance.now();
    migrate(databaseUrl);
    const generated = generate(file, options.seed, now);
    const loadSeconds = (performance.now() - started) / 1000;
    console.log(
      `Generated in ${loadSeconds.toFixed(1)} s (${file}): ${Object.entries(generated.counts)
        .map(([table, count]) => `${count.toLocaleString("en-GB")} ${table}`)
        .join(", ")}`,
    );
    prepareIndexes(file, options.withoutDashboardIndexes);
    console.log(
      options.withoutDashboardIndexes
        ? `Dashboard indexes dropped (--without-dashboard-indexes): ${DASHBOARD_INDEXES.join(", ")}.`
        : `Dashboard indexes in place: ${DASHBOARD_INDEXES.join(", ")}.`,
    );

    // The app's modules read DATABASE_URL on first use: set it before importing them.
    process.env.DATABASE_URL = databaseUrl;
    const { coachingForOrganisation, coachingForPerson, coachingForTeamsLedBy } =
      await import("../app/models/coaching.server");
    const { defaultPeriod } = await import("../app/domain/coaching-metrics");
    const { prisma } = await import("../app/services/db.server");
    const period = defaultPeriod(now);
    const organisationId = generated.organisationId;
    const random = seededRandom(options.seed + 1);
    const managerAt = () => generated.managerIds[Math.floor(random() * generated.managerIds.length)]!;
    const yearPeriod = { from: new Date(now.getTime() - 365 * DAY_MS).toISOString().slice(0, 10), to: period.to };

    console.log(
      `Period: ${period.from} to ${period.to} (the default, last four weeks); each sample asks for a different manager's team.`,
    );
    const team = await time(options.teamSamples, 20, () =>
      coachingForTeamsLedBy({ managerId: managerAt(), organisationId, period, now }),
    );
    const teamYear = await time(Math.max(1, Math.floor(options.teamSamples / 4)), 5, () =>
      coachingForTeamsLedBy({ managerId: managerAt(), organisationId, period: yearPeriod, now }),
    );
    const person = await time(Math.max(1, Math.floor(options.teamSamples / 4)), 5, async () => {
      const managerId = managerAt();
      const index = Number(managerId.replace("bench-person-", ""));
      return coachingForPerson({ managerId, organisationId, personId: `bench-person-${index + 1}`, period, now });
    });
    const organisation = await time(options.organisationSamples, 3, () =>
      coachingForOrganisation(organisationId, period, now),
    );
    const organisationYear = await time(Math.max(1, Math.floor(options.organisationSamples / 3)), 1, () =>
      coachingForOrganisation(organisationId, yearPeriod, now),
    );

    const teamOk = report("Team dashboard loader, one team of 20", team, TEAM_P95_TARGET_MS);
    report("  the same over a year (for information)", teamYear, TEAM_P95_TARGET_MS);
    report("  one person's timeline (for information)", person, TEAM_P95_TARGET_MS);
    const organisationOk = report("Organisation view, 250 teams", organisation, ORGANISATION_P95_TARGET_MS);
    report("  the same over a year (for information)", organisationYear, ORGANISATION_P95_TARGET_MS);

    // The two views must tell the same story about a team.
    started = performance.now();
    const whole = await coachingForOrganisation(organisationId, period, now);
    const rowOf = new Map(whole.teams.map((row) => [row.id, row]));
    let differences = 0;
    for (const managerId of generated.managerIds.slice(0, 25)) {
      const [dashboard] = await coachingForTeamsLedBy({ managerId, organisationId, period, now });
      if (!dashboard) throw new Error(`${managerId} leads no team`);
      const row = rowOf.get(dashboard.id);
      const { totals } = dashboard.summary;
      const expected = {
        people: dashboard.summary.people.length,
        practiceMinutes: totals.practiceMinutes,
        scenariosCompleted: totals.scenariosCompleted,
        reflectionsShared: totals.reflectionsShared,
        supervisionMinutes: totals.supervisionMinutes,
        overdue: totals.overdue,
        noPractice: totals.noPractice,
        openActions: totals.openActions,
      };
      const actual = row && {
        people: row.people,
        practiceMinutes: row.practiceMinutes,
        scenariosCompleted: row.scenariosCompleted,
        reflectionsShared: row.reflectionsShared,
        supervisionMinutes: row.supervisionMinutes,
        overdue: row.overdue,
        noPractice: row.noPractice,
        openActions: row.openActions,
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        differences++;
        console.log(
          `  ${dashboard.name}: /team says ${JSON.stringify(expected)}, the organisation view ${JSON.stringify(actual)}`,
        );
      }
    }
    const sample = whole.teams[0];
    console.log(
      `The two views agree on 25 teams: ${differences === 0 ? "yes" : `NO (${differences} differ)`} (checked in ${((performance.now() - started) / 1000).toFixed(1)} s). ` +
        `For example ${sample?.name}: ${JSON.stringify(sample)}`,
    );
    console.log(`Organisation total: ${JSON.stringify(whole.organisation)}`);
    await prisma.$disconnect();
    console.log(`Within budget: team ${teamOk ? "yes" : "no"}, organisation ${organisationOk ? "yes" : "no"}.`);
    return differences === 0 ? 0 : 1;
  } finally {
    cleanUp();
    if (options.keep) console.log(`Kept the database: ${file}`);
  }
}

process.exitCode = await main();
