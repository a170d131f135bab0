import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, startTestServer, type Client, type TestServer } from "./helpers/test-server";

/** The organisation's switch, allowance and retention for practising in one's own words. */

let server: TestServer;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedIn(server, "admin@northbridge.example", "203.0.113.170");
});
afterAll(async () => {
  await server.close();
});

async function text(response: Response): Promise<string> {
  return (await response.text()).replaceAll("<!-- -->", "");
}

describe("AI role-play settings", () => {
  it("are off by default, and say plainly that no provider is set up on this server", async () => {
    const page = await text(await admin.get("/admin/settings"));
    expect(page).toContain("Practising in your own words");
    expect(page).toContain("No AI provider is set up on this server");
    const organisation = await server.db.organisation.findUniqueOrThrow({ where: { slug: "northbridge" } });
    expect(organisation).toMatchObject({
      aiRoleplayEnabled: false,
      aiMonthlyTokenBudget: 200_000,
      transcriptRetentionDays: 30,
    });
  });

  it("are saved by an admin, for their own organisation only", async () => {
    const response = await admin.post("/admin/settings", {
      intent: "ai",
      aiRoleplayEnabled: "on",
      aiMonthlyTokenBudget: "50000",
      transcriptRetentionDays: "14",
    });
    expect(response.status).toBe(302);
    const [northbridge, eastmoor] = await Promise.all([
      server.db.organisation.findUniqueOrThrow({ where: { slug: "northbridge" } }),
      server.db.organisation.findUniqueOrThrow({ where: { slug: "eastmoor" } }),
    ]);
    expect(northbridge).toMatchObject({
      aiRoleplayEnabled: true,
      aiMonthlyTokenBudget: 50_000,
      transcriptRetentionDays: 14,
    });
    expect(eastmoor).toMatchObject({ aiRoleplayEnabled: false, aiMonthlyTokenBudget: 200_000 });
    const audit = await server.db.auditEvent.findFirstOrThrow({
      where: { type: "settings.changed" },
      orderBy: { createdAt: "desc" },
    });
    expect(JSON.parse(audit.detail ?? "{}")).toMatchObject({ aiRoleplayEnabled: true, aiMonthlyTokenBudget: 50_000 });
  });

  it("name the field at fault and keep what was typed", async () => {
    const response = await admin.post("/admin/settings", {
      intent: "ai",
      aiMonthlyTokenBudget: "12.5",
      transcriptRetentionDays: "400",
    });
    expect(response.status).toBe(400);
    const page = await text(response);
    expect(page).toContain("Enter the monthly allowance as a whole number.");
    expect(page).toContain("Use at most 365.");
    expect(page).toContain('value="12.5"');
    expect(page).toContain('value="400"');
  });

  it("show this month's use by the organisation's own-words conversations, and no one else's", async () => {
    const northbridge = await server.db.organisation.findUniqueOrThrow({ where: { slug: "northbridge" } });
    const eastmoor = await server.db.organisation.findUniqueOrThrow({ where: { slug: "eastmoor" } });
    const version = await server.db.scenarioVersion.findFirstOrThrow();
    const amira = await server.db.user.findUniqueOrThrow({ where: { email: "practitioner@northbridge.example" } });
    const other = await server.db.user.findUniqueOrThrow({ where: { email: "practitioner@eastmoor.example" } });
    const run = (
      userId: string,
      organisationId: string,
      mode: string,
      tokensIn: number,
      tokensOut: number,
      startedAt = new Date(),
    ) =>
      server.db.practiceRun.create({
        data: {
          userId,
          organisationId,
          scenarioVersionId: version.id,
          state: "{}",
          mode,
          tokensIn,
          tokensOut,
          startedAt,
        },
      });
    await run(amira.id, northbridge.id, "own-words", 1000, 400);
    await run(amira.id, northbridge.id, "own-words", 80, 20);
    await run(amira.id, northbridge.id, "scripted", 999, 999);
    await run(amira.id, northbridge.id, "own-words", 5000, 5000, new Date(Date.now() - 62 * 24 * 60 * 60 * 1000));
    await run(other.id, eastmoor.id, "own-words", 7000, 7000);
    const page = await text(await admin.get("/admin/settings"));
    expect(page).toMatch(
      /Used in \w+ \d{4}: 1,500 of 50,000 tokens \(1,080 sent, 420 received\) over 2 conversations\./,
    );
  });
});
