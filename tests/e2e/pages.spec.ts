import { DEMO_ROLES, errorMarker, expect, expectNoAxeViolations, signIn, test } from "./fixtures";

// Pages anyone can reach, and the pages people meet when something is not right.

test("the public pages pass axe", async ({ page }) => {
  for (const path of ["/", "/login", "/accessibility"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.locator("main h1")).toBeVisible();
    await expectNoAxeViolations(page, path);
  }
});

test("an unknown address shows a helpful 404 page that passes axe, signed out and signed in", async ({ page }) => {
  const path = "/no-such-page/anywhere";
  let response = await page.goto(path);
  expect(response?.status()).toBe(404);
  await expect(page.locator("main h1")).toHaveText("We cannot find that page");
  await expect(page.getByRole("link", { name: "Go to your home page" })).toBeVisible();
  await expectNoAxeViolations(page, `${path} (signed out)`);

  await signIn(page, DEMO_ROLES.practitioner.email);
  response = await page.goto(path);
  expect(response?.status()).toBe(404);
  await expect(page.locator("main h1")).toHaveText("We cannot find that page");
  await expect(page.getByRole("navigation", { name: "Main", exact: true })).toBeVisible();
  await expectNoAxeViolations(page, `${path} (signed in)`);
});

test("a practitioner asking for /admin gets the 403 page, not a stack trace", async ({ page }) => {
  await signIn(page, DEMO_ROLES.practitioner.email);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(errorMarker(page)).toHaveText("Error 403");
  await expect(page.locator("main h1")).toHaveText("This page is not part of your role");
  await expect(page.getByText("ask an admin in your organisation")).toBeVisible();
  const text = await page.locator("body").innerText();
  expect(text).not.toMatch(/\bat \S+ \(?\S+:\d+:\d+\)?/); // a stack frame
  expect(text).not.toMatch(/node_modules|\.server\.ts|Error: /);
  await expectNoAxeViolations(page, "/admin as a practitioner");
});

test("the sign-in page with errors passes axe, and its messages are linked to the fields", async ({ page }) => {
  // Nothing filled in: field errors, before anything reaches the server.
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary.getByRole("link", { name: /Email address: Enter your email address/ })).toBeVisible();
  const email = page.getByLabel("Email address");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription(/Enter your email address/);
  await expectNoAxeViolations(page, "/login with empty fields");

  // A wrong password, for an address with no account, so no real account meets the sign-in limit.
  await page.goto("/login");
  await email.fill("nobody-here@northbridge.example");
  await page.getByLabel("Password", { exact: true }).fill("not the right password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(summary).toContainText("The email address or password is not right");
  await expect(page).toHaveURL(/\/login$/);
  await expect(email).toHaveValue("nobody-here@northbridge.example");
  await expectNoAxeViolations(page, "/login after a failed sign-in");
});

test("someone signed out who asks for a page is sent to sign in, then back to it", async ({ page }) => {
  await page.goto("/journal");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fjournal$/);
  await page.getByLabel("Email address").fill(DEMO_ROLES.practitioner.email);
  await page.getByLabel("Password", { exact: true }).fill("practise-with-heart");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/journal$/);
  await expect(page.locator("main h1")).toHaveText("Journal");
});

test("every guidance page renders and passes axe, and the list filters by skill", async ({ page }) => {
  await signIn(page, DEMO_ROLES.practitioner.email);
  await page.goto("/guidance");
  const links = page.locator("main .cards h2 a");
  const count = await links.count();
  expect(count).toBeGreaterThanOrEqual(10);
  const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
  for (const href of hrefs) {
    const response = await page.goto(href);
    expect(response?.status(), href).toBe(200);
    await expect(page.locator("main h1")).toBeVisible();
    await expect(page.getByText(/minutes? to read/)).toBeVisible();
    await expectNoAxeViolations(page, href);
  }
  await page.goto("/guidance");
  await page.getByLabel("Skill").selectOption({ label: "Hearing the child" });
  await page.getByRole("button", { name: "Show guidance" }).click();
  await expect(page).toHaveURL(/skill=hearing-the-child/);
  await expect(page.getByRole("link", { name: "Hearing the child's voice" })).toBeVisible();
  expect(await links.count()).toBeLessThan(count);
  await expectNoAxeViolations(page, "/guidance filtered by skill");
});
