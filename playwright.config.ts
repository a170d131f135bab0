import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./tests/e2e/chromium";

// Browser tests run against the real app (`npm start`: build, migrate, seed, serve)
// on its own fresh SQLite file, in Debian's Chromium: Playwright cannot download
// its own browsers on these machines (see ../shared/ENVIRONMENT.md and docs/testing.md).

// E2E_PORT lets several checkouts of the repo run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const DATABASE_FILE = path.resolve("tests", ".tmp", "e2e.db");
const isCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  // Two cores, shared by the server and the browser: a second worker measured no faster.
  workers: 1,
  fullyParallel: false,
  forbidOnly: isCI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // On CI, a last plain line with the counts (tests/e2e/summary-reporter.ts) for log searches.
  reporter: isCI ? [["list"], ["./tests/e2e/summary-reporter.ts"]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    locale: "en-GB",
    timezoneId: "Europe/London",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: {
    // A fresh database every run, so the demo data and the sign-in limits start clean.
    command: `rm -f "${DATABASE_FILE}" "${DATABASE_FILE}-journal" "${DATABASE_FILE}-wal" "${DATABASE_FILE}-shm" && npm start`,
    url: `${BASE_URL}/healthz`,
    // The first start may build the app and hash the demo passwords.
    timeout: 240_000,
    reuseExistingServer: !isCI,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: `file:${DATABASE_FILE}`,
      PORT: String(PORT),
      SEED_DEMO: "true",
      // The AI provider is answered by the msw handlers in tests/mocks/: no key, no network.
      MOCKS: "true",
    },
  },
});
