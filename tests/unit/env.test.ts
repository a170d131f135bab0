import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/services/env.server";

describe("environment", () => {
  it("has working defaults for a local start", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      isProduction: false,
      DATABASE_URL: "file:./data/heartwork.db",
      PORT: 3000,
      SEED_DEMO: true,
    });
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("stops a production start without SESSION_SECRET, naming it", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(EnvError);
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET/);
  });

  it("turns demo data off in production unless asked for", () => {
    const secret = "s".repeat(40);
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret }).SEED_DEMO).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret, SEED_DEMO: "true" }).SEED_DEMO).toBe(true);
    expect(parseEnv({ SEED_DEMO: "false" }).SEED_DEMO).toBe(false);
  });

  it("names every wrong variable at once", () => {
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "postgres://x", SESSION_SECRET: "short" });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toMatch(/PORT/);
      expect(String(error)).toMatch(/DATABASE_URL/);
      expect(String(error)).toMatch(/SESSION_SECRET/);
    }
  });
});
