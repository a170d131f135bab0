import fs from "node:fs";
import { DEMO_ROLES, expect, expectNoAxeViolations, mainNav, signIn, test } from "./fixtures";

// The coaching-time dashboard: a manager's teams (/team), a person's timeline, the CSV, and the
// organisation view for admins. The demo manager, Priya Raman, leads the SEND Casework Team.

const TEAM = "SEND Casework Team";

test("a manager sees their team's time, changes the period, opens a timeline and downloads the CSV", async ({
  page,
}) => {
  await signIn(page, DEMO_ROLES.manager.email);
  await mainNav(page).getByRole("link", { name: "Team", exact: true }).click();
  await expect(page.locator("main h1")).toHaveText("Team");
  const team = page.getByRole("region", { name: TEAM });
  const people = team.getByRole("table", { name: new RegExp(`^Time for each person in ${TEAM}`) });
  await expect(people.getByRole("rowheader", { name: "Amira Hussain" })).toBeVisible();
  await expect(people.getByRole("rowheader", { name: "Team total" })).toBeVisible();
  // People by name, never by a figure.
  const names = await people.locator("tbody th").allInnerTexts();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en-GB")));
  // The chart arrives once the page runs; the table with the same figures is there all along.
  await expect(team.getByRole("img", { name: /Bar chart of practice and supervision minutes/ })).toBeVisible();
  await expect(team.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await expect(team.getByRole("table", { name: /Week by week/ })).toBeVisible();
  await expectNoAxeViolations(page, "/team");

  // A chosen period, then one that cannot be read.
  await page.getByLabel("From", { exact: true }).fill("2026-01-05");
  await page.getByLabel("To", { exact: true }).fill("2026-02-01");
  await page.getByRole("button", { name: "Show this period" }).click();
  await expect(page).toHaveURL(/\/team\?from=2026-01-05&to=2026-02-01$/);
  await expect(page.getByText("5 January 2026 to 1 February 2026 (4 weeks)", { exact: true })).toBeVisible();
  await expect(page.getByRole("row", { name: /^5 January 2026/ })).toBeVisible();

  await page.getByLabel("From", { exact: true }).fill("2026-02-30");
  await page.getByRole("button", { name: "Show this period" }).click();
  const problem = page.getByRole("alert");
  await expect(problem).toContainText("From: Enter the start date as a real date");
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("2026-02-30");
  await expect(page.getByLabel("From", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page, "/team with a date that cannot be read");

  // Back to a good period, and into one person's timeline, which keeps it.
  await page.getByLabel("From", { exact: true }).fill("2026-01-05");
  await page.getByRole("button", { name: "Show this period" }).click();
  await expect(page).toHaveURL(/from=2026-01-05&to=2026-02-01$/);
  await page.getByRole("link", { name: "Amira Hussain" }).click();
  await expect(page).toHaveURL(/\/team\/\w+\?from=2026-01-05&to=2026-02-01$/);
  await expect(page.locator("main h1")).toHaveText("Amira Hussain");
  await expect(page.getByRole("heading", { name: /^Coaching timeline, 5 January 2026/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Schedule supervision" })).toHaveAttribute(
    "href",
    /^\/supervision\/schedule\?with=\w+$/,
  );
  await expect(page.getByRole("link", { name: "Recommend a conversation" })).toBeVisible();
  await expectNoAxeViolations(page, "a person's timeline");
  await page.getByRole("link", { name: "Back to your teams" }).click();
  await expect(page).toHaveURL(/\/team\?from=2026-01-05&to=2026-02-01$/);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: `Download ${TEAM} as a spreadsheet (CSV)` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("coaching-time-send-casework-team-2026-01-05-to-2026-02-01.csv");
  const csv = fs.readFileSync((await download.path())!, "utf8");
  const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
  expect(lines[0]).toBe(
    "Name,Practice minutes,Scenarios completed,Reflections shared,Supervision minutes,Days since supervision,Supervision overdue,Next session,Open actions",
  );
  expect(lines.some((line) => line.startsWith("Amira Hussain,"))).toBe(true);
  expect(lines.at(-2)).toMatch(/^Team total,/);
});

test("a timeline that is not one of the manager's people is not found", async ({ page }) => {
  await signIn(page, DEMO_ROLES.manager.email);
  const response = await page.goto("/team/not-one-of-yours");
  expect(response?.status()).toBe(404);
  await expect(page.locator("main h1")).toHaveText("We cannot find that page");
  await expectNoAxeViolations(page, "/team/:userId for someone else");
});

test("an admin sees the organisation's teams added up", async ({ page }) => {
  await signIn(page, DEMO_ROLES.admin.email);
  await mainNav(page).getByRole("link", { name: "Admin", exact: true }).click();
  await page
    .getByRole("navigation", { name: "Admin", exact: true })
    .getByRole("link", { name: "Coaching time" })
    .click();
  await expect(page).toHaveURL(/\/admin\/coaching$/);
  await expect(page.locator("main h1")).toHaveText("Coaching time");
  const table = page.getByRole("table", { name: /^Coaching time by team/ });
  await expect(table.getByRole("rowheader", { name: TEAM })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "EHC Assessment Team" })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Organisation" })).toBeVisible();
  // Teams, never people.
  await expect(page.getByText("Amira Hussain")).toHaveCount(0);
  await expectNoAxeViolations(page, "/admin/coaching");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the dashboard is a table and the period a plain form", async ({ page }) => {
    await signIn(page, DEMO_ROLES.manager.email);
    await page.goto("/team");
    const team = page.getByRole("region", { name: TEAM });
    await expect(team.getByRole("table", { name: /Week by week/ })).toBeVisible();
    await expect(team.getByRole("img", { name: /Bar chart/ })).toHaveCount(0);
    await page.getByLabel("From", { exact: true }).fill("2026-03-02");
    await page.getByLabel("To", { exact: true }).fill("2026-03-29");
    await page.getByRole("button", { name: "Show this period" }).click();
    await expect(page).toHaveURL(/\/team\?from=2026-03-02&to=2026-03-29$/);
    await expect(page.getByText("2 March 2026 to 29 March 2026 (4 weeks)", { exact: true })).toBeVisible();
    await page.getByLabel("To", { exact: true }).fill("not a date");
    await page.getByRole("button", { name: "Show this period" }).click();
    await expect(page.getByRole("alert")).toContainText("To: Enter the end date as a real date");
    await expect(page.getByLabel("To", { exact: true })).toHaveValue("not a date");
  });
});
