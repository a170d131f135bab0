import { DEMO_PASSWORD, DEMO_ROLES, expect, mainNav, test } from "./fixtures";

// Every form is a plain POST and redirect underneath; these run with scripts turned off.
test.use({ javaScriptEnabled: false });

test("without JavaScript: a rejected form, sign in, move around, sign out", async ({ page }) => {
  const { email, name, nav } = DEMO_ROLES.trainer;

  await page.goto("/login");
  // The page does ship scripts; here they just do not run.
  await expect(page.locator("script[type=module]")).not.toHaveCount(0);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("alert")).toContainText("There is a problem");
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole("banner")).toContainText(name);
  await expect(mainNav(page).getByRole("link")).toHaveText(nav);

  await mainNav(page).getByRole("link", { name: "Studio" }).click();
  await expect(page).toHaveURL(/\/studio$/);
  await expect(page.locator("main h1")).toHaveText("Studio");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("status")).toHaveText("You have signed out. See you next time.");
  await page.goto("/home");
  await expect(page).toHaveURL(/\/login$/);
});
