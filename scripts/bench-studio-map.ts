/**
 * `npm run bench:studio-map [-- --samples 20 --cold-samples 5 --warmup 2 --nodes 300 --seed 1 --profile DIR]`
 *
 * The studio's map at size (issue 7, "Performance"): "the studio opens and lays out a
 * 300-node scenario map in under 1 second in Chromium on this machine". The built app on a
 * fresh database with the demo data, a generated 300-node draft (scripts/scenario-generator.ts)
 * saved for the demo trainer, and Debian's Chromium driven by Playwright, signed in through
 * the real form.
 *
 * Each sample opens the draft's page and is timed from navigation start until the map's SVG
 * and all its node boxes are in the DOM and laid out (the last box has a size). Two kinds:
 * - cold: the draft was just saved (a comment added to its source), so the server lays the
 *   map out afresh, as after every edit;
 * - warm: the same version opened again, after a warm-up.
 * Reported for each: p50, p95 and max of that time, and the server's part of it (request
 * start to first byte, from the browser's navigation timing). The checker and the layout
 * (dagre) are also timed on their own in this process, so the server's cost can be split.
 *
 * --profile DIR writes the server's CPU profile there.
 *
 * Prints "met" or "over budget" against the 1 s budget; exits non-zero only when something
 * fails (the page, the map, the draft).
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Page } from "@playwright/test";
import { buildIfStale } from "./build-if-stale";
import { launchApp } from "./bench/launch";
import { summarise, type Summary } from "./bench/stats";
import { generateScenario } from "./scenario-generator";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../tests/e2e/chromium";

const BUDGET_MS = 1000;
const DEMO_PASSWORD = "practise-with-heart";
const TRAINER = "trainer@northbridge.example";

type Options = {
  samples: number;
  coldSamples: number;
  warmup: number;
  nodes: number;
  seed: number;
  profileDir: string | undefined;
};

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      samples: { type: "string", default: "20" },
      "cold-samples": { type: "string", default: "5" },
      warmup: { type: "string", default: "2" },
      nodes: { type: "string", default: "300" },
      seed: { type: "string", default: "1" },
      profile: { type: "string" },
    },
  });
  const whole = (name: string, raw: string, min: number): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min)
      throw new Error(`--${name} must be a whole number of at least ${min} (got "${raw}").`);
    return value;
  };
  return {
    samples: whole("samples", values.samples, 1),
    coldSamples: whole("cold-samples", values["cold-samples"], 0),
    warmup: whole("warmup", values.warmup, 0),
    nodes: whole("nodes", values.nodes, 40),
    seed: whole("seed", values.seed, 1),
    profileDir: values.profile ? path.resolve(values.profile) : undefined,
  };
}

type Sample = { readyMs: number; serverMs: number; htmlBytes: number };

/** Opens the page and waits for the map: the SVG and every node box in the DOM, laid out. */
async function openMap(page: Page, url: string, nodes: number): Promise<Sample> {
  await page.goto(url, { waitUntil: "commit" });
  const ready = await page.waitForFunction(
    (count) => {
      const svg = document.querySelector("svg.conversation-map__svg");
      if (!svg) return 0;
      const boxes = svg.querySelectorAll("a rect");
      if (boxes.length < count) return 0;
      // Asking for a box's size makes the browser lay the page out, if it has not yet.
      if (boxes[boxes.length - 1]!.getBoundingClientRect().width === 0) return 0;
      return performance.now();
    },
    nodes,
    { polling: "raf", timeout: 60_000 },
  );
  const readyMs = (await ready.jsonValue()) as number;
  const timing = await page.evaluate(() => {
    const entry = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    // Chromium sometimes reports no body size; the document as parsed is then the measure.
    const htmlBytes = entry.decodedBodySize || new Blob([document.documentElement.outerHTML]).size;
    return { serverMs: entry.responseStart - entry.requestStart, htmlBytes };
  });
  return { readyMs, ...timing };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const line = (label: string, summary: Summary, max: number) =>
  `${label} (${summary.count}): p50 ${ms(summary.p50)}, p95 ${ms(summary.p95)}, max ${ms(max)}`;

function timeInProcess<T>(samples: number, run: () => T): { summary: Summary; max: number; result: T } {
  const times: number[] = [];
  let result = run();
  for (let index = 0; index < samples; index += 1) {
    const started = performance.now();
    result = run();
    times.push(performance.now() - started);
  }
  return { summary: summarise(times), max: Math.max(...times), result };
}

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  if (buildIfStale() === "built") console.log("Built the app.");
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "heartwork-bench-studio-map-"));
  const databaseUrl = `file:${path.join(tempDir, "bench.db")}`;
  let server: ChildProcess | null = null;
  const onInterrupt = () => {
    server?.kill("SIGKILL");
    fs.rmSync(tempDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once("SIGINT", onInterrupt);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

  try {
    // The app's modules read DATABASE_URL on first use: set it before importing them.
    process.env.DATABASE_URL = databaseUrl;
    process.env.SEED_DEMO = "true";
    const { prepareDatabase } = await import("./prepare-database");
    await prepareDatabase();
    const { prisma } = await import("../app/services/db.server");
    const { checkScenarioSource, scenarioToYaml } = await import("../app/domain/scenario");
    const { conversationMap, conversationOutline } = await import("../app/domain/scenario/map");
    const { loadCheckContext } = await import("../app/services/scenario-library.server");

    const endings = Math.max(5, Math.round(options.nodes / 20));
    const source = scenarioToYaml(
      generateScenario(options.seed, { nodeCount: options.nodes, endings, choiceCount: options.nodes * 3 }),
    );
    const { context } = await loadCheckContext();
    if (!context) throw new Error("The checker's context (skills, guidance) could not be loaded.");
    const checked = timeInProcess(3, () => checkScenarioSource(source, "generated.yaml", context));
    const scenario = checked.result.scenario;
    if (!scenario) {
      const errors = checked.result.problems.filter((problem) => problem.severity === "error");
      throw new Error(`The generated scenario does not pass the checker: ${errors[0]?.message ?? "no scenario"}`);
    }
    const laidOut = timeInProcess(3, () => conversationMap(scenario, checked.result));
    const outlined = timeInProcess(3, () => conversationOutline(scenario, laidOut.result));

    const trainer = await prisma.user.findUniqueOrThrow({
      where: { email: TRAINER },
      select: { id: true, organisationId: true },
    });
    const draft = await prisma.scenarioDraft.create({
      data: {
        organisationId: trainer.organisationId,
        slug: "generated",
        title: `Generated, ${options.nodes} nodes`,
        source,
        createdById: trainer.id,
        updatedById: trainer.id,
      },
      select: { id: true },
    });

    const started = launchApp({
      databaseUrl,
      nodeArgs: options.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`] : [],
    });
    server = started.child;
    const port = await started.port;
    const baseUrl = `http://127.0.0.1:${port}`;
    const url = `${baseUrl}/studio/drafts/${draft.id}`;
    console.log(
      `Studio map benchmark: a ${options.nodes}-node draft (${scenario.nodes.reduce((sum, node) => sum + (node.type === "line" ? node.choices.length : node.type === "pause" ? 1 : 0), 0)} choices, ${(source.length / 1024).toFixed(0)} KB of YAML, seed ${options.seed}) in Chromium on ${baseUrl}`,
    );

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email address").fill(TRAINER);
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/home$/);

    // Cold: each open follows a save (a new version with a changed source), as after an edit.
    const cold: Sample[] = [];
    for (let index = 0; index < options.coldSamples; index += 1) {
      await prisma.scenarioDraft.update({
        where: { id: draft.id },
        data: { source: `${source}# benchmark save ${index + 1}\n`, version: { increment: 1 } },
      });
      cold.push(await openMap(page, url, options.nodes));
    }
    for (let index = 0; index < options.warmup; index += 1) await openMap(page, url, options.nodes);
    const warm: Sample[] = [];
    for (let index = 0; index < options.samples; index += 1) warm.push(await openMap(page, url, options.nodes));

    console.log(
      `In this process: checker ${ms(checked.summary.p50)} (p50 of ${checked.summary.count}), layout with dagre ${ms(laidOut.summary.p50)}, outline ${ms(outlined.summary.p50)}; map ${laidOut.result.nodes.length} boxes, ${laidOut.result.edges.length} arrows, ${laidOut.result.width} x ${laidOut.result.height} px`,
    );
    const report = (label: string, samples: Sample[]) => {
      if (samples.length === 0) return null;
      const ready = summarise(samples.map((sample) => sample.readyMs));
      const serverSide = summarise(samples.map((sample) => sample.serverMs));
      const readyMax = Math.max(...samples.map((sample) => sample.readyMs));
      console.log(line(`${label}: navigation start to map laid out`, ready, readyMax));
      console.log(
        line(`${label}: server (request to first byte)`, serverSide, Math.max(...samples.map((s) => s.serverMs))),
      );
      return { ready, readyMax, server: serverSide };
    };
    const coldReport = report("Cold (just saved)", cold);
    const warmReport = report("Warm (same version again)", warm);
    console.log(`Page size: ${((warm[0]?.htmlBytes ?? 0) / 1024).toFixed(0)} KB of HTML`);
    const verdict = (summary: Summary | undefined) =>
      summary === undefined ? "not measured" : summary.p95 < BUDGET_MS ? "met" : "over budget";
    console.log(
      `Budget: open and lay out a ${options.nodes}-node map in under ${BUDGET_MS} ms (p95) — cold: ${verdict(coldReport?.ready)}; warm: ${verdict(warmReport?.ready)}`,
    );
    console.log(
      JSON.stringify({
        nodes: options.nodes,
        seed: options.seed,
        inProcess: { checker: checked.summary, layout: laidOut.summary, outline: outlined.summary },
        cold: coldReport,
        warm: warmReport,
        budgetMs: BUDGET_MS,
      }),
    );
    await prisma.$disconnect();
    return 0;
  } finally {
    process.off("SIGINT", onInterrupt);
    await browser.close();
    server?.kill("SIGTERM");
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
