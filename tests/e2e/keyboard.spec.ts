import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_ROLES, expect, mainNav, test } from "./fixtures";

/** What has focus, and whether a sighted keyboard user can see it. */
async function focusState(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    const ringed = style.boxShadow !== "none";
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      name: element.getAttribute("name"),
      text: (element.textContent ?? "").trim(),
      focusVisible: element.matches(":focus-visible"),
      indicated: outlined || ringed,
      onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight,
    };
  });
}

async function expectVisibleFocus(page: Page, expected: { tag: string; name?: string; text?: string }) {
  const state = await focusState(page);
  expect(state, "something has focus").not.toBeNull();
  expect(state).toMatchObject({ ...expected, focusVisible: true, indicated: true, onScreen: true });
}

test("sign in with the keyboard alone, using the skip link", async ({ page }) => {
  const { email, name } = DEMO_ROLES.practitioner;
  await page.goto("/login");

  // The first Tab reaches the skip link, which appears when focused.
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page, { tag: "a", text: "Skip to main content" });

  // It moves focus to the main content, so the next Tab lands in the form.
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");

  await page.keyboard.press("Tab");
  await expectVisibleFocus(page, { tag: "input", name: "email" });
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page, { tag: "input", name: "password" });
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page, { tag: "button", text: "Sign in" });
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole("banner")).toContainText(name);

  // Signed in, every control in the header shows its focus on the way to the navigation.
  await page.goto("/home");
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page, { tag: "a", text: "Skip to main content" });
  const journal = mainNav(page).getByRole("link", { name: "Journal" });
  for (let step = 0; step < 8 && !(await journal.evaluate((link) => link === document.activeElement)); step += 1) {
    await page.keyboard.press("Tab");
    const state = await focusState(page);
    expect(state, `focus after ${step + 2} presses of Tab`).toMatchObject({
      focusVisible: true,
      indicated: true,
      onScreen: true,
    });
  }
  await expectVisibleFocus(page, { tag: "a", text: "Journal" });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/journal$/);
  await expect(journal).toHaveAttribute("aria-current", "page");
  // After moving page, focus goes to the new page's heading, so a screen reader announces it.
  expect(await focusState(page)).toMatchObject({ tag: "h1", text: "Journal" });
});
