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

  it("leaves practice in your own words off by default, with the models it would use", () => {
    const env = parseEnv({});
    expect(env.OPENAI_API_KEY).toBeUndefined();
    expect(env.OPENAI_BASE_URL).toBeUndefined();
    expect(env).toMatchObject({
      OPENAI_PERSONA_MODEL: "gpt-4o-mini",
      OPENAI_COACH_MODEL: "gpt-4o-mini",
      MOCKS: false,
    });
  });

  it("reads the OpenAI settings for any compatible service", () => {
    const env = parseEnv({
      OPENAI_API_KEY: "sk-test-123",
      OPENAI_BASE_URL: "http://localhost:11434/v1",
      OPENAI_PERSONA_MODEL: "llama3.1",
      OPENAI_COACH_MODEL: "gpt-4o",
      MOCKS: "true",
    });
    expect(env).toMatchObject({
      OPENAI_API_KEY: "sk-test-123",
      OPENAI_BASE_URL: "http://localhost:11434/v1",
      OPENAI_PERSONA_MODEL: "llama3.1",
      OPENAI_COACH_MODEL: "gpt-4o",
      MOCKS: true,
    });
    expect(parseEnv({ MOCKS: "false" }).MOCKS).toBe(false);
  });

  it("names each wrong OpenAI setting without showing the key", () => {
    const key = "sk-secret value";
    try {
      parseEnv({
        OPENAI_API_KEY: key,
        OPENAI_BASE_URL: "api.openai.com",
        OPENAI_PERSONA_MODEL: "gpt 4o",
        OPENAI_COACH_MODEL: "two words",
        MOCKS: "sometimes",
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      for (const name of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_PERSONA_MODEL", "OPENAI_COACH_MODEL", "MOCKS"]) {
        expect(String(error)).toMatch(name);
      }
      expect(String(error)).not.toContain(key);
    }
    expect(() => parseEnv({ OPENAI_BASE_URL: "ftp://models.example.org" })).toThrow(
      /OPENAI_BASE_URL must be an http\(s\) address/,
    );
  });
});
