import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO_PASSWORD, signedIn, startTestServer, userId, type TestServer } from "./helpers/test-server";

let server: TestServer;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedIn(server, "admin@northbridge.example", "203.0.113.50");
});
afterAll(async () => {
  await server.close();
});

/** Strips React's text separators so page text can be matched as a person reads it. */
async function pageText(response: Response): Promise<string> {
  return (await response.text()).replaceAll("<!-- -->", "");
}

async function invite(fields: Record<string, string | string[]>): Promise<string> {
  const response = await admin.post("/admin/invitations", { intent: "invite", ...fields });
  expect(response.status).toBe(200);
  const html = await pageText(response);
  const match = html.match(/http:\/\/127\.0\.0\.1:\d+\/invite\/([A-Za-z0-9_-]+)/);
  expect(match, "the page shows the invitation link").not.toBeNull();
  return new URL(match![0]).pathname;
}

describe("an invitation's whole life", () => {
  let link: string;
  let teamId: string;

  it("is created by an admin and shown once, with only its hash stored", async () => {
    const team = await server.db.team.findFirstOrThrow({ where: { name: "SEND Casework Team" } });
    teamId = team.id;
    link = await invite({
      name: "Nadia Sultana",
      email: "nadia.sultana@northbridge.example",
      roles: ["practitioner", "trainer"],
      [`team.${teamId}`]: "member",
    });
    const token = link.split("/").pop()!;
    const stored = await server.db.invitation.findFirstOrThrow({ where: { email: "nadia.sultana@northbridge.example" } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.roles).toBe("practitioner trainer");
    expect(await server.db.auditEvent.count({ where: { type: "invitation.created", email: "nadia.sultana@northbridge.example" } })).toBe(1);
    // The list shows it as waiting but never shows the link again.
    const list = await pageText(await admin.get("/admin/invitations"));
    expect(list).toContain("Nadia Sultana");
    expect(list).not.toContain(token);
  });

  it("welcomes the invited person without signing anyone in", async () => {
    const visitor = new Client(server.baseUrl, "203.0.113.51");
    const response = await visitor.get(link);
    expect(response.status).toBe(200);
    const html = await pageText(response);
    expect(html).toContain("Welcome to Heartwork, Nadia Sultana");
    expect(html).toContain("Northbridge Borough Council");
  });

  it("refuses a short or common password, and mismatched ones, naming the field", async () => {
    const visitor = new Client(server.baseUrl, "203.0.113.52");
    const short = await visitor.post(link, { password: "too-short", confirmPassword: "too-short" });
    expect(short.status).toBe(400);
    expect(await pageText(short)).toContain("Use at least 12 characters");
    const common = await visitor.post(link, { password: "qwertyuiop123", confirmPassword: "qwertyuiop123" });
    expect(common.status).toBe(400);
    expect(await pageText(common)).toContain("too common");
    const mismatch = await visitor.post(link, { password: "lanterns over the canal", confirmPassword: "lanterns over the canals" });
    expect(mismatch.status).toBe(400);
    expect(await pageText(mismatch)).toContain("The two passwords are different");
    const long = "x".repeat(129);
    const tooLong = await visitor.post(link, { password: `a${long}`, confirmPassword: `a${long}` });
    expect(tooLong.status).toBe(400);
    expect(await pageText(tooLong)).toContain("128 characters or fewer");
    expect(await server.db.user.count({ where: { email: "nadia.sultana@northbridge.example" } })).toBe(0);
  });

  it("is accepted once: the account exists with its roles and team, and the person is signed in", async () => {
    const visitor = new Client(server.baseUrl, "203.0.113.53");
    const password = "lanterns over the canal";
    const response = await visitor.post(link, { password, confirmPassword: password });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/home");
    const home = await pageText(await visitor.get("/home"));
    expect(home).toContain("Welcome, Nadia Sultana");
    const user = await server.db.user.findUniqueOrThrow({
      where: { email: "nadia.sultana@northbridge.example" },
      include: { roles: true, memberships: true },
    });
    expect(user.roles.map((role) => role.role).sort()).toEqual(["practitioner", "trainer"]);
    expect(user.memberships).toEqual([expect.objectContaining({ teamId, role: "member" })]);
    // And the password works at the sign-in form.
    const later = new Client(server.baseUrl, "203.0.113.54");
    expect((await later.post("/login", { email: "nadia.sultana@northbridge.example", password })).status).toBe(302);
  });

  it("refuses a second use of the same link", async () => {
    const visitor = new Client(server.baseUrl, "203.0.113.55");
    const page = await visitor.get(link);
    expect(page.status).toBe(410);
    expect(await pageText(page)).toContain("already been used");
    const reuse = await visitor.post(link, { password: "another fine long phrase", confirmPassword: "another fine long phrase" });
    expect(reuse.status).toBe(410);
    expect(await server.db.user.count({ where: { email: "nadia.sultana@northbridge.example" } })).toBe(1);
  });

  it("refuses an expired link", async () => {
    const expiring = await invite({ name: "Owen Price", email: "owen.price@northbridge.example", roles: "practitioner" });
    await server.db.invitation.updateMany({
      where: { email: "owen.price@northbridge.example" },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const visitor = new Client(server.baseUrl, "203.0.113.56");
    const page = await visitor.get(expiring);
    expect(page.status).toBe(410);
    expect(await pageText(page)).toContain("expired");
    const attempt = await visitor.post(expiring, { password: "lanterns over the canal", confirmPassword: "lanterns over the canal" });
    expect(attempt.status).toBe(410);
    expect(await server.db.user.count({ where: { email: "owen.price@northbridge.example" } })).toBe(0);
  });

  it("refuses a withdrawn link, and a newer invitation replaces an older one", async () => {
    const first = await invite({ name: "Leah Morgan", email: "leah.morgan@northbridge.example", roles: "reviewer" });
    const second = await invite({ name: "Leah Morgan", email: "leah.morgan@northbridge.example", roles: "reviewer" });
    const visitor = new Client(server.baseUrl, "203.0.113.57");
    expect((await visitor.get(first)).status).toBe(410);
    expect((await visitor.get(second)).status).toBe(200);
    const pending = await server.db.invitation.findFirstOrThrow({
      where: { email: "leah.morgan@northbridge.example", revokedAt: null },
    });
    expect((await admin.post("/admin/invitations", { intent: "revoke", invitationId: pending.id })).status).toBe(302);
    const page = await visitor.get(second);
    expect(page.status).toBe(410);
    expect(await pageText(page)).toContain("withdrawn");
  });

  it("answers 404 for a link that never existed", async () => {
    const visitor = new Client(server.baseUrl, "203.0.113.58");
    expect((await visitor.get("/invite/not-a-real-token")).status).toBe(404);
  });

  it("will not invite an address that already has an account, and keeps what was typed", async () => {
    const response = await admin.post("/admin/invitations", {
      intent: "invite",
      name: "Amira Again",
      email: "practitioner@northbridge.example",
      roles: "practitioner",
    });
    expect(response.status).toBe(400);
    const html = await pageText(response);
    expect(html).toContain("There is already a Heartwork account with this email address");
    expect(html).toContain('value="Amira Again"');
  });

  it("needs the Manager role for someone who will lead a team", async () => {
    const team = await server.db.team.findFirstOrThrow({ where: { name: "EHC Assessment Team" } });
    const response = await admin.post("/admin/invitations", {
      intent: "invite",
      name: "Rosa Lindqvist",
      email: "rosa.lindqvist@northbridge.example",
      roles: "practitioner",
      [`team.${team.id}`]: "manager",
    });
    expect(response.status).toBe(400);
    expect(await pageText(response)).toContain("also needs the Manager role");
  });
});

describe("a password link for someone who has forgotten theirs", () => {
  it("sets a new password once and signs the person out everywhere else", async () => {
    const email = "grace.adeyemi@northbridge.example";
    const elsewhere = await signedIn(server, email, "203.0.113.60");
    const id = await userId(server, email);
    const response = await admin.post(`/admin/people/${id}`, { intent: "password-link" });
    expect(response.status).toBe(200);
    const match = (await pageText(response)).match(/\/invite\/([A-Za-z0-9_-]+)/);
    expect(match).not.toBeNull();
    const link = match![0];

    const visitor = new Client(server.baseUrl, "203.0.113.61");
    expect(await pageText(await visitor.get(link))).toContain("Set a new password");
    const password = "a kettle of tea for three";
    expect((await visitor.post(link, { password, confirmPassword: password })).status).toBe(302);
    expect((await elsewhere.get("/home")).status).toBe(302);
    expect((await visitor.get("/home")).status).toBe(200);

    const oldPassword = new Client(server.baseUrl, "203.0.113.62");
    expect((await oldPassword.post("/login", { email, password: DEMO_PASSWORD })).status).toBe(400);
    expect((await visitor.get(link)).status).toBe(410);
  });
});
