import type { Page } from "@playwright/test";
import { DEMO_ROLES, expect, expectNoAxeViolations, horizontalOverflow, signIn, test } from "./fixtures";

const TITLE = "The phone call before the letter";
const MAP_PATH = "/studio/library/phone-before-the-letter";

/** The element with focus: its tag, id and, for a link, where it points. */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    return {
      tag: element?.tagName.toLowerCase() ?? "",
      id: element?.id ?? "",
      href: element?.getAttribute("href") ?? "",
    };
  });
}

async function tabUntil(page: Page, wanted: (state: Awaited<ReturnType<typeof focused>>) => boolean, limit = 80) {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press("Tab");
    const state = await focused(page);
    if (wanted(state)) return state;
  }
  throw new Error(`nothing wanted took focus in ${limit} presses of Tab`);
}

test("a trainer opens a library scenario's map from the studio, and it passes axe", async ({ page }) => {
  await signIn(page, DEMO_ROLES.trainer.email);
  await page.goto("/studio");
  // The library's own entry (a trainer's draft may share its title).
  await page
    .getByRole("region", { name: "The scenario library that ships with Heartwork" })
    .getByRole("link", { name: TITLE })
    .click();
  await expect(page).toHaveURL(new RegExp(`${MAP_PATH}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.getByText(/\d+ nodes, \d+ choices, \d+ endings/)).toBeVisible();
  const map = page.getByRole("group", { name: `Map of the conversation “${TITLE}”` });
  await expect(map).toBeVisible();
  await expect(map.getByRole("link").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "The conversation, node by node" })).toBeVisible();
  await expectNoAxeViolations(page, "the map of a library scenario");
});

test("the map's list can be followed by keyboard alone", async ({ page }) => {
  await signIn(page, DEMO_ROLES.trainer.email);
  await page.goto(MAP_PATH);

  // From the top of the page, Tab to the first node in the drawing and follow it to the list.
  const nodeLink = await tabUntil(page, (state) => state.tag === "a" && state.href.startsWith("#node-"));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${nodeLink.href}$`));
  await expect.poll(async () => (await focused(page)).id).toBe(nodeLink.href.slice(1));
  await expect(page.locator(nodeLink.href)).toBeInViewport();

  // From that node, Tab to its first choice and follow it to the node the choice leads to.
  const choice = await tabUntil(page, (state) => state.tag === "a" && state.href.startsWith("#node-"), 10);
  expect(choice.href).not.toBe(nodeLink.href);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${choice.href}$`));
  await expect.poll(async () => (await focused(page)).id).toBe(choice.href.slice(1));
  await expect(page.locator(choice.href)).toBeInViewport();
});

test.describe("on a 320px screen", () => {
  test.use({ viewport: { width: 320, height: 640 }, hasTouch: true });

  test("the page does not scroll sideways: the map scrolls inside its own box", async ({ page }) => {
    await signIn(page, DEMO_ROLES.trainer.email);
    await page.goto(MAP_PATH);
    await expect(page.locator("main h1")).toBeVisible();
    const { scrollWidth, widest } = await horizontalOverflow(page);
    expect(scrollWidth, `too wide: ${widest.join(", ")}`).toBeLessThanOrEqual(320);
    const box = page.locator(".conversation-map__scroll");
    expect(await box.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    await expectNoAxeViolations(page, "the map at 320px");
  });
});
