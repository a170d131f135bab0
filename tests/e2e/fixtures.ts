import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

export { expect };

export const DEMO_PASSWORD = "practise-with-heart";

export type RoleName = "practitioner" | "manager" | "trainer" | "reviewer" | "admin";

/** The demo accounts (prisma/seed.ts) and the main navigation each should see, in order. */
export const DEMO_ROLES: Record<RoleName, { email: string; name: string; nav: string[] }> = {
  practitioner: {
    email: "practitioner@northbridge.example",
    name: "Amira Hussain",
    nav: ["Practise", "Journal", "Supervision"],
  },
  manager: {
    email: "manager@northbridge.example",
    name: "Priya Raman",
    nav: ["Practise", "Journal", "Supervision", "Team"],
  },
  trainer: { email: "trainer@northbridge.example", name: "Fatima Begum", nav: ["Practise", "Studio"] },
  reviewer: { email: "reviewer@northbridge.example", name: "Carol Whitfield", nav: ["Studio"] },
  admin: { email: "admin@northbridge.example", name: "Marcus Ellison", nav: ["Admin"] },
};

/** Every area of the main navigation, with its address. */
export const ALL_AREAS: Record<string, string> = {
  Practise: "/practise",
  Journal: "/journal",
  Supervision: "/supervision",
  Team: "/team",
  Studio: "/studio",
  Admin: "/admin",
};

/** Signs in through the real form at /login, as a person would, and waits for the home page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole("link", { name: "Your account" })).toBeVisible();
}

export function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Main", exact: true });
}

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

type AxeViolation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

function describeViolation(violation: AxeViolation): string {
  const nodes = violation.nodes.map((node) => {
    const target = node.target.map(String).join(" ");
    const why = node.failureSummary?.replace(/\s+/g, " ").trim() ?? "";
    return `    - ${target}\n      ${node.html.slice(0, 200)}\n      ${why}`;
  });
  return `${violation.id} (${violation.impact ?? "unknown impact"}): ${violation.help}\n  ${violation.helpUrl}\n${nodes.join("\n")}`;
}

/** Runs axe (WCAG 2.0, 2.1 and 2.2, A and AA) on the page as it is now; fails with each violation spelled out. */
export async function expectNoAxeViolations(page: Page, what = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const problems = results.violations.map(describeViolation);
  expect(problems.length, `axe found accessibility violations on ${what}:\n\n${problems.join("\n\n")}\n`).toBe(0);
}

/** The error page's marker (app/components/error-page.tsx): "Error 404", "Error 403"... */
export function errorMarker(page: Page) {
  return page.getByText(/^Error \d{3}$/);
}

/** A page's document must be horizontally contained in the viewport: no sideways scrolling. */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; widest: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const widest = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className)}` : ""}`);
    return { scrollWidth: document.documentElement.scrollWidth, widest };
  });
}

const HARMLESS_CONSOLE_ERRORS = [
  // Error pages (404, 403) and rejected forms (400, 429) answer with their status on purpose.
  /^Failed to load resource: the server responded with a status of 4\d\d/,
];

/**
 * The test object every spec uses. It fails a test when the page throws, or logs a
 * console error (a failed hydration, a script blocked by the Content-Security-Policy).
 */
export const test = base.extend<{ browserErrors: string[] }>({
  browserErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      const watch = (page: Page) => {
        page.on("pageerror", (error) => errors.push(`${page.url()}: uncaught ${error.name}: ${error.message}`));
        page.on("console", (message) => {
          if (message.type() !== "error") return;
          if (HARMLESS_CONSOLE_ERRORS.some((pattern) => pattern.test(message.text()))) return;
          errors.push(`${page.url()}: console error: ${message.text()}`);
        });
      };
      context.pages().forEach(watch);
      context.on("page", watch);
      await use(errors);
      expect(errors, "the browser reported errors").toEqual([]);
    },
    { auto: true },
  ],
});
