/**
 * `npm run bench:practice [-- --seconds 30 --practitioners 100 --seed 1 --max-requests 200000
 *                           --think-ms 5000 --profile DIR]`
 *
 * The practitioner's loop under load (issue 4, "Performance"): the built app on
 * a fresh database, and simulated practitioners who sign in and play scenarios
 * over loopback exactly as a browser without JavaScript would (post a form,
 * follow the redirect, render the page). A step is timed from its post to the
 * end of the page it leads to. /healthz is timed in the same run, so the ratio
 * says how much of a step's latency is the step itself on a noisy machine.
 *
 * Each practitioner pauses to read between steps, as people do: --think-ms N
 * gives a pause of 0.5N..1.5N, by default 2.5 to 7.5 seconds, well under the
 * 20 seconds or more it takes to read a moment and its replies, so the load is
 * heavier than real use. --think-ms 0 replies the moment a page arrives: that
 * saturates the server and measures its capacity (steps per second) rather
 * than what a person waits. --profile DIR writes the server's CPU profile there.
 *
 * Exits non-zero on any error or when the steps stored differ from the moves
 * accepted; a missed latency or size target is printed as "over budget" only.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { PrismaClient } from "../app/generated/prisma/client";
import { Browser, type Reply } from "./bench/http";
import { readPlayerPage, scriptUrls, weighScripts, type PlayerPage } from "./bench/pages";
import { buildIfStale } from "./build-if-stale";
import { launchApp } from "./bench/launch";
import { summarise } from "./bench/stats";

const STEP_P95_TARGET_MS = 50;
const PLAYER_JS_BUDGET_BYTES = 150 * 1024;
const DEMO_PASSWORD = "practise-with-heart";
const ORGANISATION_SLUG = "northbridge";
const EMAIL_PREFIX = "bench.practitioner.";
// /healthz is sampled this often rather than back to back, so measuring it adds almost no load.
const HEALTH_INTERVAL_MS = 20;

type Options = {
  seconds: number;
  practitioners: number;
  seed: number;
  maxRequests: number;
  thinkMs: number;
  profileDir: string | undefined;
};

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: "string", default: "30" },
      practitioners: { type: "string", default: "100" },
      seed: { type: "string", default: "1" },
      "max-requests": { type: "string", default: "200000" },
      "think-ms": { type: "string", default: "5000" },
      profile: { type: "string" },
    },
  });
  const whole = (name: string, raw: string, min: number): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min)
      throw new Error(`--${name} must be a whole number of at least ${min} (got "${raw}").`);
    return value;
  };
  const positive = (name: string, raw: string) => whole(name, raw, 1);
  return {
    seconds: positive("seconds", values.seconds),
    practitioners: positive("practitioners", values.practitioners),
    seed: positive("seed", values.seed),
    maxRequests: positive("max-requests", values["max-requests"]),
    thinkMs: whole("think-ms", values["think-ms"], 0),
    profileDir: values.profile ? path.resolve(values.profile) : undefined,
  };
}

/** mulberry32: small, fast, and the same replies on every run with the same seed. */
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

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What every simulated practitioner shares: the clock, the request cap, and the tallies.
 * Requests are reserved before they are sent, so the cap is exact even with 100 at once.
 */
class Load {
  requests = 0;
  movesAccepted = 0;
  runsStarted = 0;
  runsEnded = 0;
  errors = 0;
  readonly errorSamples: string[] = [];
  readonly stepMs: number[] = [];
  // The same steps split by where they lead: the next moment, or an ending's debrief (another page, with more on it).
  readonly momentStepMs: number[] = [];
  readonly endingStepMs: number[] = [];
  readonly healthMs: number[] = [];
  samplePlayerHtml: string | null = null;
  private deadline = Number.POSITIVE_INFINITY;

  constructor(private readonly maxRequests: number) {}

  startClock(seconds: number): void {
    this.deadline = performance.now() + seconds * 1000;
  }

  reserve(requests: number): boolean {
    if (performance.now() >= this.deadline || this.requests + requests > this.maxRequests) return false;
    this.requests += requests;
    return true;
  }

  /** Waits, but never past the end of the clock, so a reading pause cannot stretch the run. */
  async wait(ms: number): Promise<void> {
    await pause(Math.max(0, Math.min(ms, this.deadline - performance.now())));
  }

  get open(): boolean {
    return performance.now() < this.deadline && this.requests < this.maxRequests;
  }

  error(message: string): null {
    this.errors += 1;
    if (this.errorSamples.length < 10) this.errorSamples.push(message);
    return null;
  }
}

/** The path a redirect points to; only the path is ever used, so traffic stays on loopback. */
function redirectPath(reply: Reply): string | null {
  if (!reply.location) return null;
  const target = new URL(reply.location, "http://127.0.0.1");
  return target.pathname + target.search;
}

/** A request whose status is checked; anything else (or a network error) is counted as an error. */
async function expectStatus(
  load: Load,
  label: string,
  status: number,
  send: () => Promise<Reply>,
): Promise<Reply | null> {
  try {
    const reply = await send();
    if (reply.status !== status) return load.error(`${label}: expected ${status}, got ${reply.status}`);
    return reply;
  } catch (error) {
    return load.error(`${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

class Practitioner {
  private readonly random: () => number;

  constructor(
    readonly email: string,
    private readonly browser: Browser,
    private readonly load: Load,
    private readonly scenarioSlugs: string[],
    private readonly thinkMs: number,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  private pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error("Nothing to pick from.");
    return item;
  }

  /** The sign-in form, then the page it leads to, as a browser shows it. Not part of the timed load. */
  async signIn(): Promise<boolean> {
    const posted = await expectStatus(this.load, "POST /login", 302, () =>
      this.browser.post("/login", { email: this.email, password: DEMO_PASSWORD }),
    );
    const next = posted && redirectPath(posted);
    if (!next) return false;
    return (await expectStatus(this.load, `GET ${next}`, 200, () => this.browser.get(next))) !== null;
  }

  /** Plays until the clock or the request cap says stop, starting a new run after each ending. */
  async practise(): Promise<void> {
    // With reading pauses, people do not all click at the same instant: spread the first clicks out.
    if (this.thinkMs > 0) await this.load.wait(this.thinkMs * this.random());
    let page: PlayerPage | null = null;
    while (this.load.open) {
      page ??= await this.startRun();
      if (!page) {
        // After an error, do not hammer a server that may be down.
        await pause(100);
        continue;
      }
      page = await this.move(page);
      if (this.thinkMs > 0) await this.load.wait(this.thinkMs * (0.5 + this.random()));
    }
  }

  private async startRun(): Promise<PlayerPage | null> {
    if (!this.load.reserve(2)) return null;
    const slug = this.pick(this.scenarioSlugs);
    // The confidence rating is optional: sometimes skipped, as people do.
    const rating = this.pick(["", "1", "2", "3", "4", "5"]);
    const posted = await expectStatus(this.load, `POST /practise/${slug}`, 302, () =>
      this.browser.post(`/practise/${slug}`, rating ? { confidenceBefore: rating } : {}),
    );
    const runPath = posted && redirectPath(posted);
    if (!runPath) return posted ? this.load.error(`POST /practise/${slug}: no Location`) : null;
    this.load.runsStarted += 1;
    const shown = await expectStatus(this.load, "GET run", 200, () => this.browser.get(runPath));
    if (!shown) return null;
    this.load.samplePlayerHtml ??= shown.body;
    return readPlayerPage(runPath, shown.body) ?? this.load.error(`GET ${runPath}: no step or replies on the page`);
  }

  /** One step: post a reply, follow the redirect, render what it leads to. Returns the next page, or null after an ending. */
  private async move(page: PlayerPage): Promise<PlayerPage | null> {
    if (!this.load.reserve(2)) return null;
    const choice = this.pick(page.choices);
    const started = performance.now();
    const posted = await expectStatus(this.load, "POST move", 302, () =>
      this.browser.post(page.path, { intent: "move", step: page.step, choice }),
    );
    if (!posted) return null;
    this.load.movesAccepted += 1;
    const next = redirectPath(posted);
    if (!next) return this.load.error("POST move: no Location");
    const shown = await expectStatus(this.load, "GET after move", 200, () => this.browser.get(next));
    if (!shown) return null;
    const elapsed = performance.now() - started;
    this.load.stepMs.push(elapsed);
    const ended = next.endsWith("/debrief");
    (ended ? this.load.endingStepMs : this.load.momentStepMs).push(elapsed);
    if (ended) {
      this.load.runsEnded += 1;
      return null;
    }
    return readPlayerPage(next, shown.body) ?? this.load.error(`GET ${next}: no step or replies on the page`);
  }
}

async function watchHealth(load: Load, browser: Browser): Promise<void> {
  while (load.reserve(1)) {
    const started = performance.now();
    const reply = await expectStatus(load, "GET /healthz", 200, () => browser.get("/healthz"));
    if (reply) load.healthMs.push(performance.now() - started);
    await pause(HEALTH_INTERVAL_MS);
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Practitioner accounts in the demo council, all with one Argon2id hash (hashing 100 would take seconds). */
async function addPractitioners(prisma: PrismaClient, count: number): Promise<{ emails: string[]; userIds: string[] }> {
  const { hashPassword } = await import("../app/services/password.server");
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const organisation = await prisma.organisation.findUniqueOrThrow({
    where: { slug: ORGANISATION_SLUG },
    select: { id: true },
  });
  const team = await prisma.team.findFirstOrThrow({
    where: { organisationId: organisation.id },
    orderBy: { name: "asc" },
    select: { id: true },
  });
  const emails = Array.from(
    { length: count },
    (_, index) => `${EMAIL_PREFIX}${String(index + 1).padStart(3, "0")}@${ORGANISATION_SLUG}.example`,
  );
  const userIds = await prisma.$transaction(async (tx) => {
    const ids: string[] = [];
    for (const [index, email] of emails.entries()) {
      const user = await tx.user.create({
        data: {
          organisationId: organisation.id,
          email,
          name: `Bench Practitioner ${index + 1}`,
          passwordHash,
          roles: { create: [{ role: "practitioner" }] },
          memberships: { create: [{ role: "member", teamId: team.id }] },
        },
        select: { id: true },
      });
      ids.push(user.id);
    }
    return ids;
  });
  return { emails, userIds };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  if (buildIfStale() === "built") console.log("Built the app.");

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "heartwork-bench-practice-"));
  const databaseUrl = `file:${path.join(tempDir, "bench.db")}`;
  let server: ChildProcess | null = null;
  let prisma: PrismaClient | null = null;
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  // finally does not run when the process is interrupted, so Ctrl-C cleans up here.
  const onInterrupt = () => {
    server?.kill("SIGKILL");
    fs.rmSync(tempDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once("SIGINT", onInterrupt);

  try {
    // The app's modules read DATABASE_URL on first use: set it before importing them.
    process.env.DATABASE_URL = databaseUrl;
    process.env.SEED_DEMO = "true";
    const { prepareDatabase } = await import("./prepare-database");
    await prepareDatabase();
    prisma = (await import("../app/services/db.server")).prisma;
    const { emails, userIds } = await addPractitioners(prisma, options.practitioners);
    const scenarioSlugs = (
      await prisma.scenario.findMany({
        where: { origin: "library", organisationId: null },
        select: { slug: true },
        orderBy: { slug: "asc" },
      })
    ).map((scenario) => scenario.slug);
    if (scenarioSlugs.length === 0) throw new Error("No scenarios were loaded from scenarios/.");

    const started = launchApp({
      databaseUrl,
      nodeArgs: options.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`] : [],
    });
    server = started.child;
    const port = await started.port;
    console.log(
      `Practice benchmark: ${options.practitioners} practitioners for ${options.seconds} s (seed ${options.seed}, think ${options.thinkMs} ms, cap ${options.maxRequests} requests) on 127.0.0.1:${port}; scenarios: ${scenarioSlugs.join(", ")}`,
    );

    const load = new Load(options.maxRequests);
    // TEST-NET-2 addresses (198.51.100.0/24 and on): only ever a header value, never a destination.
    const address = (index: number) => `198.51.${100 + Math.floor(index / 250)}.${(index % 250) + 1}`;
    const practitioners = emails.map(
      (email, index) =>
        new Practitioner(
          email,
          new Browser(port, agent, address(index)),
          load,
          scenarioSlugs,
          options.thinkMs,
          options.seed * 1_000_003 + index,
        ),
    );

    // Everyone signs in first: Argon2id is meant to be slow, and is not what a step measures.
    const signInStarted = performance.now();
    if (!load.reserve(2 * practitioners.length))
      throw new Error("--max-requests is too small for everyone to sign in.");
    const signedIn = await Promise.all(practitioners.map((practitioner) => practitioner.signIn()));
    const signInSeconds = (performance.now() - signInStarted) / 1000;
    const players = practitioners.filter((_, index) => signedIn[index]);

    load.startClock(options.seconds);
    const playStarted = performance.now();
    await Promise.all([
      ...players.map((player) => player.practise()),
      watchHealth(load, new Browser(port, agent, "198.51.100.254")),
    ]);
    const playSeconds = (performance.now() - playStarted) / 1000;

    const stepsStored = await prisma.practiceStep.count({ where: { run: { userId: { in: userIds } } } });
    const scripts = load.samplePlayerHtml
      ? weighScripts(scriptUrls(load.samplePlayerHtml), path.resolve("build", "client"))
      : null;

    const step = summarise(load.stepMs);
    const health = summarise(load.healthMs);
    const toMoment = summarise(load.momentStepMs);
    const toEnding = summarise(load.endingStepMs);
    const ratio = Math.round((step.p95 / health.p95) * 100) / 100;
    const stepsPerSecond = Math.round((load.stepMs.length / playSeconds) * 10) / 10;
    const countsMatch = stepsStored === load.movesAccepted;
    const latencyOk = step.p95 < STEP_P95_TARGET_MS;
    const scriptsOk = scripts !== null && scripts.missing.length === 0;
    const scriptsWithinBudget = scriptsOk && scripts.gzipBytes < PLAYER_JS_BUDGET_BYTES;

    console.log(
      `Sign-in: ${players.length}/${practitioners.length} practitioners in ${signInSeconds.toFixed(2)} s (Argon2id; not part of step latency)`,
    );
    console.log(
      `Steps: ${load.stepMs.length} in ${playSeconds.toFixed(1)} s = ${stepsPerSecond} steps/s; runs started ${load.runsStarted}, finished ${load.runsEnded}; requests ${load.requests}`,
    );
    console.log(
      `Step latency (post + redirect + render): p50 ${ms(step.p50)}, p95 ${ms(step.p95)}, p99 ${ms(step.p99)} — target p95 < ${STEP_P95_TARGET_MS} ms: ${latencyOk ? "met" : "over budget"}`,
    );
    console.log(
      `  to the next moment (${toMoment.count}): p50 ${ms(toMoment.p50)}, p95 ${ms(toMoment.p95)}, p99 ${ms(toMoment.p99)}`,
    );
    console.log(
      `  to an ending's debrief (${toEnding.count}): p50 ${ms(toEnding.p50)}, p95 ${ms(toEnding.p95)}, p99 ${ms(toEnding.p99)}`,
    );
    console.log(
      `/healthz latency (${health.count} samples): p50 ${ms(health.p50)}, p95 ${ms(health.p95)}, p99 ${ms(health.p99)}`,
    );
    console.log(`Ratio p95(step) / p95(healthz): ${ratio}`);
    console.log(`Errors: ${load.errors}`);
    for (const sample of load.errorSamples) console.log(`  ${sample}`);
    console.log(
      `Steps stored: ${stepsStored}; moves answered 302: ${load.movesAccepted} — ${countsMatch ? "match" : "DIFFER"}`,
    );
    if (scripts) {
      console.log(
        `Player page JavaScript: ${scripts.files.length} files, ${kb(scripts.gzipBytes)} gzipped — budget ${kb(PLAYER_JS_BUDGET_BYTES)}: ${scriptsWithinBudget ? "within" : "over budget"}`,
      );
      for (const file of scripts.files) console.log(`  ${kb(file.gzipBytes).padStart(9)}  ${file.url}`);
      for (const url of scripts.missing) console.log(`  not found in build/client: ${url}`);
    } else {
      console.log("Player page JavaScript: no player page was rendered, so it could not be measured.");
    }
    console.log(
      JSON.stringify({
        practitioners: options.practitioners,
        seconds: Math.round(playSeconds * 10) / 10,
        seed: options.seed,
        thinkMs: options.thinkMs,
        stepsPerSecond,
        step,
        stepToMoment: toMoment,
        stepToEnding: toEnding,
        healthz: health,
        ratioP95: ratio,
        errors: load.errors,
        stepsStored,
        movesAccepted: load.movesAccepted,
        playerJsGzipBytes: scripts?.gzipBytes ?? null,
        latencyTargetMet: latencyOk,
        jsBudgetMet: scriptsWithinBudget,
      }),
    );
    return load.errors === 0 && countsMatch && scriptsOk ? 0 : 1;
  } finally {
    process.off("SIGINT", onInterrupt);
    agent.destroy();
    if (server) await stopServer(server);
    await prisma?.$disconnect();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
