import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, signedIn, startTestServer, type TestServer } from "./helpers/test-server";

let server: TestServer;
let practitioner: Client;

beforeAll(async () => {
  server = await startTestServer();
  practitioner = await signedIn(server, "practitioner@northbridge.example", "203.0.113.70");
});
afterAll(async () => {
  await server.close();
});

function directives(policy: string | null): Map<string, string[]> {
  return new Map(
    (policy ?? "")
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("security headers", () => {
  it("sends a nonce-based Content-Security-Policy whose nonce is on every script in the page", async () => {
    const response = await practitioner.get("/home");
    const csp = directives(response.headers.get("Content-Security-Policy"));
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    const nonce = csp.get("script-src")?.find((value) => value.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce).toBeTruthy();
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1] ?? "");
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
  });

  it("uses a fresh nonce for every response", async () => {
    const first = (await practitioner.get("/home")).headers.get("Content-Security-Policy");
    const second = (await practitioner.get("/home")).headers.get("Content-Security-Policy");
    expect(first).not.toBe(second);
  });

  it.each(["/", "/login", "/healthz", "/favicon.svg", "/no-such-page"])("sets the basic headers on %s", async (path) => {
    const response = await fetch(`${server.baseUrl}${path}`, { redirect: "manual" });
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Referrer-Policy")).toBe("same-origin");
    expect(response.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("X-Powered-By")).toBeNull();
  });

  it("never lets a page with personal data be cached", async () => {
    for (const path of ["/home", "/account"]) {
      const response = await practitioner.get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
    }
  });

  it("does not send HSTS outside production", async () => {
    expect((await practitioner.get("/home")).headers.get("Strict-Transport-Security")).toBeNull();
  });

  it("refuses a form posted from another site", async () => {
    const response = await practitioner.post("/logout", {}, { Origin: "https://elsewhere.example" });
    expect(response.status).toBe(403);
    expect((await practitioner.get("/home")).status).toBe(200);
  });
});

describe("in production", () => {
  let production: TestServer;

  beforeAll(async () => {
    production = await startTestServer({ NODE_ENV: "production" });
  });
  afterAll(async () => {
    await production.close();
    process.env.NODE_ENV = "test";
  });

  it("names the session cookie with __Host- and marks it Secure", async () => {
    const client = new Client(production.baseUrl, "203.0.113.80");
    const response = await client.post("/login", { email: "manager@northbridge.example", password: "practise-with-heart" });
    expect(response.status).toBe(302);
    const cookie = response.headers.getSetCookie().find((header) => header.startsWith("__Host-heartwork_session="));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it("sends HSTS", async () => {
    const response = await fetch(`${production.baseUrl}/login`);
    expect(response.headers.get("Strict-Transport-Security")).toMatch(/max-age=\d{7,}/);
  });
});
