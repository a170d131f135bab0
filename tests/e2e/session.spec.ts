import { DEMO_ROLES, expect, signIn, test } from "./fixtures";

test("signing out ends the session on the server, not just in this browser", async ({ page, context }) => {
  await signIn(page, DEMO_ROLES.manager.email);
  const sessionCookies = await context.cookies();
  expect(sessionCookies.length, "signing in set a session cookie").toBeGreaterThan(0);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("status")).toHaveText("You have signed out. See you next time.");
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);

  await page.goto("/home");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator("main h1")).toHaveText("Sign in");

  // Someone who kept a copy of the old cookie gets nowhere with it.
  await context.clearCookies();
  await context.addCookies(sessionCookies);
  await page.goto("/team");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fteam$/);
  await expect(page.getByRole("link", { name: "Your account" })).toHaveCount(0);
});
