import type { Page } from "@playwright/test";
import { DEMO_ROLES, expect, expectNoAxeViolations, signIn, test } from "./fixtures";

/** Plays by always taking the first reply offered, until the debrief, checking each moment under axe once. */
async function playToTheEnd(page: Page, byKeyboard: boolean): Promise<void> {
  for (let guard = 0; guard < 60; guard++) {
    if (/\/debrief$/.test(page.url())) return;
    const moment = Number((await page.locator("main h1").textContent())?.replace("Moment ", ""));
    expect(moment).toBeGreaterThan(0);
    const first = page.locator(".choice-button").first();
    if (byKeyboard) {
      await first.focus();
      await page.keyboard.press("Enter");
    } else {
      await first.click();
    }
    await expect(page.locator("main h1")).not.toHaveText(`Moment ${moment}`);
  }
  throw new Error("The conversation did not end within 60 moments");
}

test("a whole conversation by keyboard: focus follows each new moment, then the debrief", async ({ page }) => {
  await signIn(page, DEMO_ROLES.practitioner.email);
  await page.goto("/practise");
  await expectNoAxeViolations(page, "the catalogue");
  await page.getByRole("link", { name: "The phone call before the letter" }).first().focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("main h1")).toHaveText("The phone call before the letter");
  await expectNoAxeViolations(page, "the scenario's introduction");

  await page.getByLabel("3: Fairly confident").focus();
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: "Start the conversation" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("main h1")).toHaveText("Moment 1");
  await expectNoAxeViolations(page, "the player");

  // One move, then focus is on the new moment, which is also a live region.
  await page.locator(".choice-button").first().focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("main h1")).toHaveText("Moment 2");
  await expect(page.locator(".moment")).toBeFocused();
  await expect(page.locator(".moment")).toHaveAttribute("aria-live", "polite");
  await expect(page.getByRole("complementary", { name: "Coach's note on your last reply" })).toBeVisible();
  await expectNoAxeViolations(page, "the player with a coach's note");

  await playToTheEnd(page, true);
  await expect(page).toHaveURL(/\/debrief$/);
  await expect(page.getByRole("heading", { name: "The conversation, step by step" })).toBeVisible();
  await expectNoAxeViolations(page, "the debrief");

  await page.getByLabel("4: Confident").check();
  await page.getByRole("button", { name: "Save rating" }).click();
  await expect(page.getByText("3 before, 4 after")).toBeVisible();

  const readMore = page.getByRole("region", { name: "Read more" }).getByRole("link").first();
  const title = (await readMore.textContent())?.trim() ?? "";
  await readMore.click();
  await expect(page.locator("main h1")).toHaveText(title);
  await expectNoAxeViolations(page, "a guidance page");
  await page.getByRole("link", { name: "All guidance" }).click();
  await expect(page.locator("main h1")).toHaveText("Guidance");
  await expectNoAxeViolations(page, "the guidance list");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a whole conversation as plain forms, and resuming after closing the page", async ({ page, context }) => {
    await signIn(page, DEMO_ROLES.manager.email);
    await page.goto("/practise/phone-before-the-letter");
    await page.getByRole("button", { name: "Start the conversation" }).click();
    await expect(page.locator("main h1")).toHaveText("Moment 1");
    await page.locator(".choice-button").first().click();
    await expect(page.locator("main h1")).toHaveText("Moment 2");
    const runUrl = page.url();

    // Close the page; come back later from the catalogue.
    await page.close();
    const later = await context.newPage();
    await later.goto("/practise");
    await later.getByRole("link", { name: "The phone call before the letter" }).first().click();
    await later.goto("/practise");
    await later.getByRole("region", { name: "Carry on where you left off" }).getByRole("link").first().click();
    await expect(later).toHaveURL(runUrl);
    await expect(later.locator("main h1")).toHaveText("Moment 2");

    // The back button shows where the conversation is now; it never rewinds or repeats a step.
    await later.locator(".choice-button").first().click();
    await expect(later.locator("main h1")).toHaveText("Moment 3");
    await later.goBack();
    await expect(later.locator("main h1")).not.toHaveText("Moment 2");
    await later.goto(runUrl);
    await expect(later.locator("main h1")).toHaveText("Moment 3");

    await playToTheEnd(later, false);
    await expect(later.getByRole("heading", { name: "The conversation, step by step" })).toBeVisible();
  });
});

test("a manager recommends a conversation, and it is the first suggestion for that person", async ({ browser }) => {
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, DEMO_ROLES.manager.email);
  await manager.goto("/practise/whose-next-step-is-it");
  await manager.getByRole("button", { name: "Recommend" }).click();
  // Nothing chosen: the field is named and focusable from the summary.
  await expect(manager.getByText("Choose who to recommend it to.").first()).toBeVisible();
  await expectNoAxeViolations(manager, "the scenario page with a recommendation error");
  await manager.getByLabel("Team member").selectOption({ label: "Tomasz Nowak" });
  await manager.getByLabel("A note (optional)").fill("Good practice for the panel meeting next week.");
  await manager.getByRole("button", { name: "Recommend" }).click();
  await expect(manager.getByText("Recommended to Tomasz Nowak.")).toBeVisible();
  await managerContext.close();

  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signIn(member, "tomasz.nowak@northbridge.example");
  await member.goto("/practise");
  const suggested = member.getByRole("region", { name: "Suggested for you" });
  await expect(suggested.locator(".card").first()).toContainText("Whose next step is it?");
  await expect(suggested.locator(".card").first()).toContainText("Recommended by Priya Raman");
  await expect(suggested.locator(".card").first()).toContainText("Good practice for the panel meeting next week.");
  await expectNoAxeViolations(member, "the catalogue with a recommendation");
  await memberContext.close();
});
