import { z } from "zod";

const DEV_SESSION_SECRET = "heartwork-development-secret-not-for-production";

const booleanFromString = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const modelName = z.string().trim().regex(/^\S+$/, "must be a model name, such as gpt-4o-mini");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .trim()
      .regex(/^file:/, "must start with file: (Heartwork runs on an embedded SQLite database)")
      .default("file:./data/heartwork.db"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SEED_DEMO: booleanFromString.optional(),
    // Set when Heartwork runs behind a reverse proxy, so the client's address is
    // read from X-Forwarded-For (used for rate limiting and the audit log).
    TRUST_PROXY: booleanFromString.default(false),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    INVITATION_VALID_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    // Practice in your own words: off unless a key is set (or MOCKS serves the API offline).
    OPENAI_API_KEY: z.string().trim().regex(/^\S+$/, "must be a single key, without spaces").optional(),
    // Any OpenAI-compatible service (Azure OpenAI, a local model server); the SDK's default otherwise.
    OPENAI_BASE_URL: z
      .url({ protocol: /^https?$/, error: "must be an http(s) address, such as https://api.openai.com/v1" })
      .trim()
      .optional(),
    OPENAI_PERSONA_MODEL: modelName.default("gpt-4o-mini"),
    OPENAI_COACH_MODEL: modelName.default("gpt-4o-mini"),
    // Serve the OpenAI API from the msw handlers in tests/mocks/, so everything works offline.
    MOCKS: booleanFromString.default(false),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message: "is required in production (a random string of at least 32 characters)",
      });
    }
  });

export type Env = {
  NODE_ENV: "development" | "production" | "test";
  isProduction: boolean;
  DATABASE_URL: string;
  PORT: number;
  SESSION_SECRET: string;
  SEED_DEMO: boolean;
  TRUST_PROXY: boolean;
  SESSION_IDLE_MINUTES: number;
  SESSION_ABSOLUTE_HOURS: number;
  INVITATION_VALID_DAYS: number;
  OPENAI_API_KEY: string | undefined;
  OPENAI_BASE_URL: string | undefined;
  OPENAI_PERSONA_MODEL: string;
  OPENAI_COACH_MODEL: string;
  MOCKS: boolean;
};

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses the environment, naming every variable that is wrong. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, value]) => value !== "")),
  );
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")} ${issue.message}`);
    throw new EnvError(`Heartwork cannot start: some environment variables are wrong.\n${lines.join("\n")}`);
  }
  const env = result.data;
  const isProduction = env.NODE_ENV === "production";
  return {
    ...env,
    isProduction,
    SESSION_SECRET: env.SESSION_SECRET ?? DEV_SESSION_SECRET,
    OPENAI_API_KEY: env.OPENAI_API_KEY,
    OPENAI_BASE_URL: env.OPENAI_BASE_URL,
    // Demo data is on for local use and off in production unless asked for.
    SEED_DEMO: env.SEED_DEMO ?? !isProduction,
  };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
