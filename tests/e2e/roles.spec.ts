import type { Locator, Page } from "@playwright/test";
import {
  ALL_AREAS,
  DEMO_ROLES,
  errorMarker,
  expect,
  expectNoAxeViolations,
  mainNav,
  signIn,
  test,
  type RoleName,
} from "./fixtures";

/** Follows a link as a person would, then checks a real page (not an error page) arrived. */
async function follow(page: Page, link: Locator, path: string) {
  await link.click();
  await expect(page).toHaveURL((url) => url.pathname === path);
  await expect(page.locator("main h1")).toBeVisible();
  await expect(errorMarker(page), `${path} shows an error page`).toHaveCount(0);
}

async function linkTargets(nav: Locator) {
  return nav.getByRole("link").evaluateAll((links) =>
    links.map((link) => ({
      name: (link.textContent ?? "").trim(),
      path: new URL((link as HTMLAnchorElement).href).pathname,
    })),
  );
}

for (const role of Object.keys(DEMO_ROLES) as RoleName[]) {
  const { email, name, nav } = DEMO_ROLES[role];

  test(`${role}: sees exactly their navigation, and every page it reaches passes axe`, async ({ page }) => {
    await signIn(page, email);
    await expect(page.getByRole("banner")).toContainText(name);
    await expect(page.locator("main h1")).toContainText("Welcome");
    await expectNoAxeViolations(page, `/home as ${role}`);

    // Exactly these links, in this order: nothing missing, nothing extra.
    await expect(mainNav(page).getByRole("link")).toHaveText(nav);

    for (const label of nav) {
      const path = ALL_AREAS[label]!;
      const link = mainNav(page).getByRole("link", { name: label, exact: true });
      await follow(page, link, path);
      await expect(link).toHaveAttribute("aria-current", "page");
      await expectNoAxeViolations(page, `${path} as ${role}`);

      const subNav = page.getByRole("navigation", { name: label, exact: true });
      if (label === "Admin") await expect(subNav, "the admin area has its own navigation").toBeVisible();
      if ((await subNav.count()) === 0) continue;
      const targets = await linkTargets(subNav);
      expect(targets.length, `the ${label} navigation has links`).toBeGreaterThan(0);
      for (const target of targets) {
        await follow(page, subNav.getByRole("link", { name: target.name, exact: true }), target.path);
        await expectNoAxeViolations(page, `${target.path} as ${role}`);
      }
    }

    await follow(page, page.getByRole("link", { name: "Your account" }), "/account");
    await expectNoAxeViolations(page, `/account as ${role}`);

    // The areas this role does not have are closed, not merely hidden.
    for (const [label, path] of Object.entries(ALL_AREAS)) {
      if (nav.includes(label)) continue;
      const response = await page.goto(path);
      expect(response?.status(), `${role} asking for ${path}`).toBe(403);
      await expect(page.locator("main h1")).toHaveText("This page is not part of your role");
    }
  });
}
