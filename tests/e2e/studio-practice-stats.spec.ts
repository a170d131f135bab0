import { DEMO_ROLES, expect, expectNoAxeViolations, horizontalOverflow, signIn, test } from "./fixtures";

// What happened in practice: the demo's 16 Northbridge plays of the phone call (prisma/seed.ts), and
// whatever other browser tests in the same run have played since. The exact hand-counted figures are
// checked on a fresh database in tests/integration/studio-practice-stats.test.ts.

const TITLE = "The phone call before the letter";

test("a trainer opens the figures from practice from the studio, and they pass axe", async ({ page }) => {
  await signIn(page, DEMO_ROLES.trainer.email);
  await page.goto("/studio");
  await page
    .getByRole("region", { name: "The scenario library that ships with Heartwork" })
    .getByRole("link", { name: "What happened in practice (phone-before-the-letter)" })
    .click();
  await expect(page).toHaveURL(/\/studio\/scenarios\/\w+\/practice$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  const versions = page.getByRole("table", { name: "Plays and how they ended, version by version" });
  const row = versions.getByRole("row", { name: /^Version 1 \d+ \d+ \d+ \d+ \d+%$/ });
  await expect(row).toBeVisible();
  const plays = Number((await row.getByRole("cell").first().textContent()) ?? "0");
  expect(plays).toBeGreaterThanOrEqual(16);
  await expect(page.getByRole("cell", { name: "fewer than 5" }).first()).toBeVisible();

  // The map, with arrows as thick as their traffic; the share is also in each arrow's title.
  const map = page.getByRole("group", { name: `Map of the conversation “${TITLE}”` });
  await expect(map).toBeVisible();
  const shares = await map
    .locator("path[data-traffic]")
    .evaluateAll((paths) => paths.map((path) => Number(path.getAttribute("data-traffic"))).filter(Number.isFinite));
  const most = Math.max(...shares);
  expect(most).toBeGreaterThan(0.5);
  const busiest = map.locator(`path[data-traffic="${most}"]`).first();
  await expect(busiest.locator("title")).toContainText(/taken in \d+% of all plays/);
  const width = async (selector: string) =>
    Number.parseFloat(
      await map
        .locator(selector)
        .first()
        .evaluate((path) => getComputedStyle(path).strokeWidth),
    );
  expect(await width(`path[data-traffic="${most}"]`)).toBeGreaterThan(await width('path[data-traffic="0"]'));
  await expect(page.getByText("Thicker arrow: more plays took this move")).toBeVisible();
  await expectNoAxeViolations(page, "the figures from practice");

  // A version that is not there: the newest instead, with the problem named.
  const figures = page.url();
  await page.goto(`${figures}?version=7`);
  await expect(page.getByRole("alert")).toContainText("there is no version “7” of this scenario");
  await expectNoAxeViolations(page, "the figures with a version that is not there");

  // Back to the scenario's map, which links here too.
  await page.getByRole("link", { name: "The scenario's map" }).click();
  await page.getByRole("link", { name: "What happened in practice" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a trainer picks a version with the plain form, and a version that is not there is explained", async ({
    page,
  }) => {
    await signIn(page, DEMO_ROLES.trainer.email);
    await page.goto("/studio");
    const link = page.getByRole("link", { name: "What happened in practice (phone-before-the-letter)" });
    const figures = (await link.getAttribute("href"))!;

    await page.goto(`${figures}?version=7`);
    const problem = page.getByRole("alert");
    await expect(problem).toContainText("Version: there is no version “7” of this scenario.");
    await expect(problem).toContainText("Showing the newest version (1) instead.");
    await expect(page.getByLabel("Version", { exact: true })).toHaveAttribute("aria-invalid", "true");
    // (axe needs JavaScript: the same page is checked by it in the first test.)

    await expect(page.getByLabel("Version", { exact: true }).locator("option:checked")).toHaveText(
      /^Version 1 \(newest\), from /,
    );
    await page.getByLabel("Version", { exact: true }).selectOption("1");
    await page.getByRole("button", { name: "Show this version" }).click();
    await expect(page).toHaveURL(new RegExp(`${figures}\\?version=1$`));
    await expect(page.getByRole("alert")).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Version 1", level: 2 })).toBeVisible();
    await expect(page.getByText(/^Plays: \d+\. Completed: \d+\. Completion rate: \d+%\.$/)).toBeVisible();
  });
});

test("a reviewer is not shown the figures", async ({ page }) => {
  await signIn(page, DEMO_ROLES.reviewer.email);
  await page.goto("/studio");
  await expect(page.getByRole("link", { name: /What happened in practice/ })).toHaveCount(0);
  await page.goto("/studio/library/phone-before-the-letter");
  await expect(page.getByRole("link", { name: "What happened in practice" })).toHaveCount(0);
});

test.describe("on a 320px screen", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test("the page does not scroll sideways: wide tables and the map scroll in their own boxes", async ({ page }) => {
    await signIn(page, DEMO_ROLES.trainer.email);
    await page.goto("/studio/library/phone-before-the-letter");
    await page.getByRole("link", { name: "What happened in practice" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
    const { scrollWidth, widest } = await horizontalOverflow(page);
    expect(scrollWidth, `too wide: ${widest.join(", ")}`).toBeLessThanOrEqual(320);
    await expectNoAxeViolations(page, "the figures from practice at 320px");
  });
});
