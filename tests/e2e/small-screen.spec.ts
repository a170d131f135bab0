import type { Locator, Page } from "@playwright/test";
import { ALL_AREAS, DEMO_ROLES, expect, horizontalOverflow, mainNav, signIn, test } from "./fixtures";

// The narrowest phone WCAG asks for (1.4.10 Reflow): 320 CSS pixels.
const WIDTH = 320;
test.use({ viewport: { width: WIDTH, height: 640 }, hasTouch: true });

async function expectNoSidewaysScroll(page: Page, what: string) {
  await expect(page.locator("main h1")).toBeVisible();
  const { scrollWidth, widest } = await horizontalOverflow(page);
  expect(scrollWidth, `${what} scrolls sideways at ${WIDTH}px; too wide: ${widest.join(", ")}`).toBeLessThanOrEqual(
    WIDTH,
  );
}

/** Each link is inside the screen, big enough to tap, and not covered by anything else. */
async function expectUsableLinks(page: Page, nav: Locator) {
  const links = nav.getByRole("link");
  const count = await links.count();
  expect(count).toBeGreaterThan(0);
  for (let index = 0; index < count; index += 1) {
    const link = links.nth(index);
    await expect(link).toBeInViewport();
    const box = (await link.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
    expect(box.height).toBeGreaterThanOrEqual(24);
    const hit = await link.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      const top = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      return Boolean(top && element.contains(top));
    });
    expect(hit, `${await link.textContent()} can be tapped`).toBe(true);
  }
}

test("public and error pages fit a 320px screen", async ({ page }) => {
  for (const path of ["/", "/login", "/accessibility", "/no-such-page"]) {
    await page.goto(path);
    await expectNoSidewaysScroll(page, path);
  }
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectNoSidewaysScroll(page, "/login with errors");
});

for (const role of ["manager", "admin"] as const) {
  test(`${role}: every page fits a 320px screen and the navigation can be used`, async ({ page }) => {
    const { email, nav } = DEMO_ROLES[role];
    await signIn(page, email);
    await expectNoSidewaysScroll(page, "/home");
    await expectUsableLinks(page, mainNav(page));
    await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();

    for (const label of nav) {
      await mainNav(page).getByRole("link", { name: label, exact: true }).tap();
      await expect(page).toHaveURL((url) => url.pathname === ALL_AREAS[label]);
      await expectNoSidewaysScroll(page, ALL_AREAS[label]!);

      const subNav = page.getByRole("navigation", { name: label, exact: true });
      if ((await subNav.count()) === 0) continue;
      await expectUsableLinks(page, subNav);
      const paths = await subNav
        .getByRole("link")
        .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
      for (const path of paths) {
        await page.goto(path);
        await expectNoSidewaysScroll(page, path);
      }
    }

    await page.goto("/account");
    await expectNoSidewaysScroll(page, "/account");
  });
}
