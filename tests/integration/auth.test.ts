import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO_PASSWORD, signedIn, startTestServer, userId, type TestServer } from "./helpers/test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("signing in", () => {
  it("signs in with the right password and sets a safe session cookie", async () => {
    const client = new Client(server.baseUrl, "203.0.113.1");
    const response = await client.post("/login", { email: "Practitioner@Northbridge.example", password: DEMO_PASSWORD });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/home");
    const cookie = response.headers.getSetCookie().find((header) => header.startsWith("heartwork_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);

    // The cookie carries a random token; the database keeps only its hash.
    const session = await server.db.session.findFirstOrThrow({
      where: { user: { email: "practitioner@northbridge.example" } },
      orderBy: { createdAt: "desc" },
    });
    expect(cookie).not.toContain(session.tokenHash);
    const home = await client.get("/home");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Welcome, Amira Hussain");

    const audit = await server.db.auditEvent.findFirstOrThrow({
      where: { type: "sign-in.succeeded", email: "practitioner@northbridge.example" },
    });
    expect(audit.ipAddress).toBe("203.0.113.1");
  });

  it("returns to the page that asked for sign-in, but never to another site", async () => {
    const client = new Client(server.baseUrl, "203.0.113.2");
    const asked = await client.get("/account");
    expect(asked.status).toBe(302);
    expect(asked.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
    const back = await client.post("/login", { email: "manager@northbridge.example", password: DEMO_PASSWORD, redirectTo: "/account" });
    expect(back.headers.get("Location")).toBe("/account");

    const other = new Client(server.baseUrl, "203.0.113.2");
    const away = await other.post("/login", {
      email: "manager@northbridge.example",
      password: DEMO_PASSWORD,
      redirectTo: "//evil.example/steal",
    });
    expect(away.headers.get("Location")).toBe("/home");
  });

  it("refuses a wrong password with a plain message, keeps the email, and logs the failure without the password", async () => {
    const client = new Client(server.baseUrl, "203.0.113.3");
    const response = await client.post("/login", { email: "trainer@northbridge.example", password: "not-the-right-one-at-all" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("The email address or password is not right");
    expect(html).toContain('value="trainer@northbridge.example"');
    expect(html).not.toContain("not-the-right-one-at-all");
    expect(response.headers.getSetCookie().some((header) => header.startsWith("heartwork_session="))).toBe(false);

    const failures = await server.db.auditEvent.findMany({ where: { type: "sign-in.failed", email: "trainer@northbridge.example" } });
    expect(failures).toHaveLength(1);
    const everything = JSON.stringify(await server.db.auditEvent.findMany());
    expect(everything).not.toContain("not-the-right-one-at-all");
    expect(everything).not.toContain(DEMO_PASSWORD);
  });

  it("answers an unknown address exactly like a wrong password", async () => {
    const client = new Client(server.baseUrl, "203.0.113.4");
    const response = await client.post("/login", { email: "nobody@northbridge.example", password: "whatever-it-may-be" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("The email address or password is not right");
  });
});

describe("rate limiting", () => {
  it("pauses an account after five failures, even from different addresses, and says when to try again", async () => {
    const email = "siobhan.kelly@northbridge.example";
    for (let attempt = 1; attempt <= 5; attempt++) {
      const client = new Client(server.baseUrl, `198.51.100.${attempt}`);
      const response = await client.post("/login", { email, password: `wrong-password-${attempt}` });
      expect(response.status).toBe(400);
    }
    const client = new Client(server.baseUrl, "198.51.100.99");
    const limited = await client.post("/login", { email, password: DEMO_PASSWORD });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(14 * 60);
    expect(await limited.text()).toMatch(/try again in 15 minutes/);
    expect(await server.db.session.count({ where: { user: { email } } })).toBe(0);
    expect(await server.db.auditEvent.count({ where: { type: "sign-in.limited", email } })).toBe(1);
  });

  it("lets the account in again once the oldest failure leaves the window", async () => {
    const email = "siobhan.kelly@northbridge.example";
    await server.db.auditEvent.updateMany({
      where: { type: "sign-in.failed", email },
      data: { createdAt: new Date(Date.now() - 16 * 60 * 1000) },
    });
    const client = new Client(server.baseUrl, "198.51.100.100");
    expect((await client.post("/login", { email, password: DEMO_PASSWORD })).status).toBe(302);
  });

  it("pauses an address after twenty failures across accounts, but not other addresses", async () => {
    const address = "192.0.2.77";
    for (let attempt = 0; attempt < 20; attempt++) {
      const client = new Client(server.baseUrl, address);
      const response = await client.post("/login", { email: `guess${attempt}@northbridge.example`, password: "a-guess-at-random" });
      expect(response.status).toBe(400);
    }
    const same = new Client(server.baseUrl, address);
    const limited = await same.post("/login", { email: "jamal.reid@northbridge.example", password: DEMO_PASSWORD });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain("too many attempts");

    const elsewhere = new Client(server.baseUrl, "192.0.2.78");
    expect((await elsewhere.post("/login", { email: "jamal.reid@northbridge.example", password: DEMO_PASSWORD })).status).toBe(302);
  });
});

describe("sessions", () => {
  it("ends a session that has been idle too long", async () => {
    const client = await signedIn(server, "grace.adeyemi@northbridge.example", "203.0.113.20");
    expect((await client.get("/home")).status).toBe(200);
    await server.db.session.updateMany({
      where: { user: { email: "grace.adeyemi@northbridge.example" } },
      data: { lastSeenAt: new Date(Date.now() - 61 * 60 * 1000) },
    });
    const response = await client.get("/home");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login");
    expect(await server.db.session.count({ where: { user: { email: "grace.adeyemi@northbridge.example" } } })).toBe(0);
  });

  it("ends a session at its absolute limit however active it is", async () => {
    const client = await signedIn(server, "hannah.pryce@northbridge.example", "203.0.113.21");
    await server.db.session.updateMany({
      where: { user: { email: "hannah.pryce@northbridge.example" } },
      data: { expiresAt: new Date(Date.now() - 1000), lastSeenAt: new Date() },
    });
    expect((await client.get("/home")).status).toBe(302);
  });

  it("keeps an active session alive by moving its last-seen time", async () => {
    const client = await signedIn(server, "wei.chen@northbridge.example", "203.0.113.22");
    const earlier = new Date(Date.now() - 30 * 60 * 1000);
    await server.db.session.updateMany({ where: { user: { email: "wei.chen@northbridge.example" } }, data: { lastSeenAt: earlier } });
    expect((await client.get("/home")).status).toBe(200);
    const session = await server.db.session.findFirstOrThrow({ where: { user: { email: "wei.chen@northbridge.example" } } });
    expect(session.lastSeenAt.getTime()).toBeGreaterThan(earlier.getTime());
  });

  it("signs out: the session row is gone and the old cookie no longer works", async () => {
    const client = await signedIn(server, "tomasz.nowak@northbridge.example", "203.0.113.23");
    const oldCookie = client.cookieHeader;
    const response = await client.post("/logout");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login");
    expect(await server.db.session.count({ where: { user: { email: "tomasz.nowak@northbridge.example" } } })).toBe(0);
    const replay = new Client(server.baseUrl, "203.0.113.23");
    replay.setCookieHeader(oldCookie);
    expect((await replay.get("/home")).status).toBe(302);
    expect(await server.db.auditEvent.count({ where: { type: "sign-out", email: "tomasz.nowak@northbridge.example" } })).toBe(1);
  });

  it("does not sign out on a GET, so a link or an image cannot end a session", async () => {
    const client = await signedIn(server, "manager@northbridge.example", "203.0.113.24");
    expect((await client.get("/logout")).status).toBe(302);
    expect((await client.get("/home")).status).toBe(200);
  });

  it("ends every session of a person the moment an admin deactivates them", async () => {
    const email = "jamal.reid@northbridge.example";
    const first = await signedIn(server, email, "203.0.113.30");
    const second = await signedIn(server, email, "203.0.113.31");
    expect((await first.get("/home")).status).toBe(200);
    const admin = await signedIn(server, "admin@northbridge.example", "203.0.113.32");
    const id = await userId(server, email);
    const response = await admin.post(`/admin/people/${id}`, { intent: "deactivate" });
    expect(response.status).toBe(302);
    expect(await server.db.session.count({ where: { userId: id } })).toBe(0);
    expect((await first.get("/home")).status).toBe(302);
    expect((await second.get("/home")).status).toBe(302);
    // And they cannot sign in again.
    const again = new Client(server.baseUrl, "203.0.113.33");
    expect((await again.post("/login", { email, password: DEMO_PASSWORD })).status).toBe(400);

    await admin.post(`/admin/people/${id}`, { intent: "reactivate" });
    expect((await again.post("/login", { email, password: DEMO_PASSWORD })).status).toBe(302);
  });

  it("does not let an admin deactivate themselves", async () => {
    const admin = await signedIn(server, "admin@northbridge.example", "203.0.113.34");
    const id = await userId(server, "admin@northbridge.example");
    const response = await admin.post(`/admin/people/${id}`, { intent: "deactivate" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("You cannot deactivate your own account");
  });
});
