import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("health", () => {
  it("answers 200 with status ok while the database answers", async () => {
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers 503 when the database does not", async () => {
    // Replace the database file with something that is not a database.
    fs.writeFileSync(server.databaseFile, "this is not a SQLite database, it is a sentence");
    const probe = await startTestServer({ DATABASE_URL: `file:${server.databaseFile}` });
    try {
      const response = await fetch(`${probe.baseUrl}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "unavailable" });
      // A page that needs the database shows the helpful 500 page, never a stack trace.
      const page = await fetch(`${probe.baseUrl}/login`, {
        method: "POST",
        body: new URLSearchParams({ email: "manager@northbridge.example", password: "practise-with-heart" }),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        redirect: "manual",
      });
      expect(page.status).toBe(500);
      const html = await page.text();
      expect(html).toContain("Something went wrong on our side");
      expect(html).not.toMatch(/\bat \S+ \(|node_modules|SqliteError|prisma/i);
    } finally {
      await probe.close();
    }
  });
});

describe("starting up", () => {
  it("refuses to start in production without SESSION_SECRET, naming it", async () => {
    const { spawnSync } = await import("node:child_process");
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: { ...process.env, NODE_ENV: "production", SESSION_SECRET: "", DATABASE_URL: "file:./tests/.tmp/never-created.db" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("SESSION_SECRET");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync("tests/.tmp/never-created.db")).toBe(false);
  });
});
