import { DEMO_ROLES, expect, expectNoAxeViolations, signIn, test } from "./fixtures";

test("write a reflection by keyboard, see it autosave, share it and make it private again", async ({ page }) => {
  await signIn(page, DEMO_ROLES.practitioner.email);
  await page.goto("/journal");
  await expectNoAxeViolations(page, "the journal");
  await page.getByLabel("Reflective model").selectOption("gibbs");
  await page.getByRole("button", { name: "Start writing" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("main h1")).toHaveText("Your reflection");
  await expect(page.getByRole("heading", { name: "Private" })).toBeVisible();
  await expectNoAxeViolations(page, "a new reflection");

  await page.getByLabel("Title (optional)").focus();
  await page.keyboard.type("After a hard phone call");
  await page.getByLabel("Description").focus();
  await page.keyboard.type("I told a parent the panel's decision before the letter arrived.");
  // The draft saves itself within a few seconds, without leaving the page.
  await expect(page.getByRole("status").filter({ hasText: "Draft saved at" })).toBeVisible({ timeout: 15_000 });
  await page.reload();
  await expect(page.getByLabel("Description")).toHaveValue("I told a parent the panel's decision before the letter arrived.");

  await page.getByRole("button", { name: "Share with my supervisor" }).click();
  await expect(page.getByRole("heading", { name: "Shared with your supervisor" })).toBeVisible();
  await expect(page.getByText("Priya Raman can read this reflection")).toBeVisible();
  await expectNoAxeViolations(page, "a shared reflection");
  await page.getByRole("button", { name: "Stop sharing" }).click();
  await expect(page.getByRole("heading", { name: "Private" })).toBeVisible();

  // A field over its limit keeps what was typed and says by how much (axe runs here, with scripts on:
  // it needs timers that a page without JavaScript does not run).
  await page.getByLabel("Title (optional)").fill("t".repeat(205));
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert")).toContainText("5 characters over the 200 limit");
  await expect(page.getByLabel("Title (optional)")).toHaveValue("t".repeat(205));
  await expectNoAxeViolations(page, "a reflection with an error");
  await page.getByLabel("Title (optional)").fill("After a hard phone call");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your reflection is saved." })).toBeVisible();

  await page.getByRole("link", { name: "Back to your journal" }).click();
  await expect(page.getByRole("link", { name: "After a hard phone call" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a reflection saves on submit and keeps over-long text with a message", async ({ page }) => {
    await signIn(page, DEMO_ROLES.manager.email);
    await page.goto("/journal");
    await page.getByRole("button", { name: "Start writing" }).click();
    await page.getByLabel("What happened?").fill("A first meeting with a family.");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your reflection is saved." })).toBeVisible();
    await expect(page.getByLabel("What happened?")).toHaveValue("A first meeting with a family.");

    const long = "x".repeat(20_010);
    await page.getByLabel("So what?").fill(long);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("alert")).toContainText("10 characters over the 20,000 limit");
    await expect(page.getByLabel("So what?")).toHaveValue(long);

  });
});

test("a draft survives the session ending: after signing in again it is still there", async ({ page, context }) => {
  await signIn(page, DEMO_ROLES.practitioner.email);
  await page.goto("/journal");
  await page.getByRole("button", { name: "Start writing" }).click();
  await expect(page.locator("main h1")).toHaveText("Your reflection");
  const reflectionUrl = page.url();

  // The session ends (a timeout, or signing out elsewhere) while the person is still typing.
  await context.clearCookies();
  await page.getByLabel("What happened?").fill("Written after my session had already ended.");

  await page.goto(reflectionUrl);
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await page.getByLabel("Email address").fill(DEMO_ROLES.practitioner.email);
  await page.getByLabel("Password", { exact: true }).fill("practise-with-heart");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(reflectionUrl);
  await expect(page.getByLabel("What happened?")).toHaveValue("Written after my session had already ended.");
  await expect(page.getByText("We put back what you were writing")).toBeVisible();
  // And it reaches the server.
  await expect(page.getByRole("status").filter({ hasText: "Draft saved at" })).toBeVisible({ timeout: 15_000 });
  await page.reload();
  await expect(page.getByLabel("What happened?")).toHaveValue("Written after my session had already ended.");
  await expect(page.getByText("We put back what you were writing")).toHaveCount(0);
});

test("sharing and unsharing, seen from the manager's side", async ({ page, browser }) => {
  await signIn(page, DEMO_ROLES.practitioner.email);
  await page.goto("/journal");
  await page.getByRole("button", { name: "Start writing" }).click();
  await page.getByLabel("Title (optional)").fill("Notes for supervision");
  await page.getByLabel("What happened?").fill("A meeting where I said I would find out.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your reflection is saved." })).toBeVisible();
  await page.getByRole("button", { name: "Share with my supervisor" }).click();
  await expect(page.getByRole("heading", { name: "Shared with your supervisor" })).toBeVisible();

  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, DEMO_ROLES.manager.email);
  await manager.goto("/supervision");
  await manager.getByRole("link", { name: "Notes for supervision" }).click();
  await expect(manager.locator("main h1")).toHaveText("Notes for supervision");
  await expect(manager.getByText("A meeting where I said I would find out.")).toBeVisible();
  await expectNoAxeViolations(manager, "a reflection shared with the manager");
  const sharedUrl = manager.url();

  await page.getByRole("button", { name: "Stop sharing" }).click();
  await expect(page.getByRole("heading", { name: "Private" })).toBeVisible();

  await manager.goto(sharedUrl);
  await expect(manager.locator("main h1")).toHaveText("We cannot find that page");
  await manager.goto("/supervision");
  await expect(manager.getByRole("link", { name: "Notes for supervision" })).toHaveCount(0);
  await managerContext.close();
});
