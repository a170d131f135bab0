import { DEMO_ROLES, expect, expectNoAxeViolations, signIn, test } from "./fixtures";

test("an admin invites someone, who joins through the link and is signed in", async ({ page, browser }) => {
  await signIn(page, DEMO_ROLES.admin.email);
  await page.goto("/admin/invitations");
  await page.getByLabel("Full name").fill("Ifeoma Clarke");
  await page.getByLabel("Email address").fill("ifeoma.clarke@northbridge.example");
  await page.getByLabel("Trainer").check();
  await page.getByLabel("SEND Casework Team").selectOption("member");
  await page.getByRole("button", { name: "Create invitation link" }).click();

  const ready = page.getByRole("status").filter({ hasText: "Invitation ready for Ifeoma Clarke" });
  await expect(ready).toBeVisible();
  await expectNoAxeViolations(page, "the invitation just created");
  const link = (await ready.locator(".copy-box").textContent())?.trim() ?? "";
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);

  // The invited person opens the link in their own browser.
  const theirs = await browser.newContext();
  const invited = await theirs.newPage();
  await invited.goto(link);
  await expect(invited.locator("main h1")).toHaveText("Welcome to Heartwork, Ifeoma Clarke");
  await expectNoAxeViolations(invited, "the invitation page");

  await invited.getByLabel("Choose a password").fill("short");
  await invited.getByLabel("Password again").fill("short");
  await invited.getByRole("button", { name: "Join Heartwork" }).click();
  await expect(invited.getByRole("alert")).toContainText("Use at least 12 characters");
  await expectNoAxeViolations(invited, "the invitation page with an error");

  await invited.getByLabel("Choose a password").fill("a lighthouse on the moors");
  await invited.getByLabel("Password again").fill("a lighthouse on the moors");
  await invited.getByRole("button", { name: "Join Heartwork" }).click();
  await expect(invited).toHaveURL(/\/home$/);
  await expect(invited.locator("main h1")).toHaveText("Welcome, Ifeoma Clarke");
  await expect(invited.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText([
    "Practise",
    "Journal",
    "Supervision",
    "Studio",
  ]);

  // The link works once.
  await invited.goto(link);
  await expect(invited.locator("main h1")).toHaveText("This link no longer works");
  await expectNoAxeViolations(invited, "a used invitation");
  await theirs.close();
});
