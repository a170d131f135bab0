/**
 * `npm run bench:roleplay [-- --turns 40 --token-ms 20]`
 *
 * How much time the server adds to a streamed answer in own-words practice (issue 8,
 * "Performance"): between the provider's first token and the browser's. A local mock provider
 * (a plain HTTP server in this process) answers the director step at once and then streams the
 * parent's reply, one token every --token-ms, noting when it writes the first token. The built app
 * runs on a fresh database with that provider as OPENAI_BASE_URL; a client in this process posts
 * replies to the streaming endpoint and notes when the first token line arrives. Both times come
 * from this process's clock, so the difference is what the app adds (its own work plus loopback).
 * Target: p95 under 20 ms.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { Browser } from "./bench/http";
import { buildIfStale } from "./build-if-stale";
import { launchApp } from "./bench/launch";
import { percentile } from "./bench/stats";

const TARGET_MS = 20;
const DEMO_PASSWORD = "practise-with-heart";
const SCENARIO = "phone-before-the-letter";

function readOptions() {
  const { values } = parseArgs({
    options: { turns: { type: "string", default: "40" }, "token-ms": { type: "string", default: "20" } },
  });
  const turns = Number(values.turns);
  const tokenMs = Number(values["token-ms"]);
  if (!Number.isInteger(turns) || turns < 1) throw new Error("--turns must be a whole number of at least 1");
  if (!Number.isInteger(tokenMs) || tokenMs < 0) throw new Error("--token-ms must be a whole number of at least 0");
  return { turns, tokenMs };
}

/** The mock provider. `firstTokenAt` holds when each streamed reply's first token was written. */
function startProvider(tokenMs: number): Promise<{ server: http.Server; port: number; firstTokenAt: number[] }> {
  const firstTokenAt: number[] = [];
  const words = "I hear you. That is hard to take in, but thank you for ringing me first.".split(" ");
  const server = http.createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    request.on("end", () => {
      const body = JSON.parse(raw) as {
        stream?: boolean;
        response_format?: { json_schema?: { schema?: { properties?: { nodeId?: { enum?: string[] } } } } };
      };
      const usage = { prompt_tokens: 200, completion_tokens: words.length, total_tokens: 200 + words.length };
      if (!body.stream) {
        // The director: stay at the first moment, never end.
        const nodeId = body.response_format?.json_schema?.schema?.properties?.nodeId?.enum?.[0] ?? "";
        const content = JSON.stringify({ nodeId, ending: false, reason: "Carry on." });
        response.writeHead(200, { "Content-Type": "application/json" });
        response.end(
          JSON.stringify({
            id: "chatcmpl-bench",
            object: "chat.completion",
            created: 0,
            model: "bench",
            choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
            usage,
          }),
        );
        return;
      }
      response.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
      const chunk = (delta: object, finish: string | null) =>
        `data: ${JSON.stringify({ id: "b", object: "chat.completion.chunk", created: 0, model: "bench", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      let index = 0;
      const next = () => {
        if (index < words.length) {
          if (index === 0) firstTokenAt.push(performance.now());
          response.write(chunk({ content: `${index === 0 ? "" : " "}${words[index]}` }, null));
          index += 1;
          setTimeout(next, tokenMs);
          return;
        }
        response.write(chunk({}, "stop"));
        response.write(
          `data: ${JSON.stringify({ id: "b", object: "chat.completion.chunk", created: 0, model: "bench", choices: [], usage })}\n\n`,
        );
        response.end("data: [DONE]\n\n");
      };
      next();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, port: (server.address() as AddressInfo).port, firstTokenAt }),
    ),
  );
}

/** Posts one reply to the streaming endpoint; resolves with when the first token line arrived. */
function streamReply(
  port: number,
  cookie: string,
  runPath: string,
  turn: number,
): Promise<{ firstToken: number; turnsAfter: number }> {
  const form = new URLSearchParams({
    intent: "say",
    turn: String(turn),
    reply: "I'm sorry, this is not the news you hoped for.",
  }).toString();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: `${runPath}/reply`,
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(form),
          Cookie: cookie,
          "X-Forwarded-For": "198.51.100.77",
        },
      },
      (response) => {
        let firstToken = 0;
        let text = "";
        response.on("data", (chunk: Buffer) => {
          text += chunk.toString("utf8");
          if (!firstToken && text.includes('"token"')) firstToken = performance.now();
        });
        response.on("end", () => {
          const last = text.trim().split("\n").at(-1) ?? "";
          if (!firstToken || !last.includes('"done"')) reject(new Error(`No streamed answer: ${text.slice(0, 300)}`));
          else resolve({ firstToken, turnsAfter: turn + 2 });
        });
      },
    );
    request.on("error", reject);
    request.end(form);
  });
}

async function main(): Promise<number> {
  const options = readOptions();
  if (buildIfStale() === "built") console.log("Built the app.");
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "heartwork-bench-roleplay-"));
  const file = path.join(tempDir, "bench.db");
  const databaseUrl = `file:${file}`;
  let app: ChildProcess | null = null;
  const provider = await startProvider(options.tokenMs);
  try {
    process.env.DATABASE_URL = databaseUrl;
    process.env.SEED_DEMO = "true";
    const { prepareDatabase } = await import("./prepare-database");
    await prepareDatabase();
    const db = new Database(file);
    db.prepare("UPDATE Organisation SET aiRoleplayEnabled = 1, aiMonthlyTokenBudget = 100000000").run();
    db.close();

    const started = launchApp({
      databaseUrl,
      env: {
        MOCKS: "false",
        OPENAI_API_KEY: "bench-not-a-real-key",
        OPENAI_BASE_URL: `http://127.0.0.1:${provider.port}/v1`,
      },
    });
    app = started.child;
    const port = await started.port;
    const agent = new http.Agent({ keepAlive: true });
    const browser = new Browser(port, agent, "198.51.100.77");
    const signIn = await browser.post("/login", { email: "practitioner@northbridge.example", password: DEMO_PASSWORD });
    if (signIn.status !== 302) throw new Error(`Signing in answered ${signIn.status}`);
    const cookie = browser.cookieHeader();

    const added: number[] = [];
    let runPath = "";
    let turn = 0;
    for (let i = 0; i < options.turns; i += 1) {
      // A run ends at twelve replies; start a fresh one well before.
      if (i % 8 === 0) {
        const startedRun = await browser.post(`/practise/${SCENARIO}`, { intent: "own-words" });
        if (startedRun.status !== 302 || !startedRun.location)
          throw new Error(`Starting answered ${startedRun.status}`);
        runPath = startedRun.location;
        turn = 1;
      }
      const before = provider.firstTokenAt.length;
      const result = await streamReply(port, cookie, runPath, turn);
      const providerFirst = provider.firstTokenAt[before];
      if (providerFirst === undefined) throw new Error("The provider never streamed");
      added.push(result.firstToken - providerFirst);
      turn = result.turnsAfter;
    }
    const sorted = [...added].sort((a, b) => a - b);
    const p95 = percentile(sorted, 95);
    console.log(
      `Own-words streaming, ${added.length} replies (a token every ${options.tokenMs} ms from the mock provider):`,
    );
    console.log(
      `Time the server adds between the provider's first token and the browser's: p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms — target p95 < ${TARGET_MS} ms: ${p95 < TARGET_MS ? "met" : "over budget"}`,
    );
    return 0;
  } finally {
    app?.kill("SIGTERM");
    provider.server.close();
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
