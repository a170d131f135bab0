import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { DEMO_ROLES, expect, expectNoAxeViolations, signIn, test } from "./fixtures";

const SLUG = "phone-before-the-letter";
const LIBRARY_FILE = fs.readFileSync(path.join("scenarios", `${SLUG}.yaml`), "utf8");

/** The replies that lead from the start to the positive ending, as the buttons say them (first words). */
const TO_THE_HEARD_ENDING = [
  "Hello, Nadia, it's Sam",
  "Yes, it is. I'm afraid",
  "Tell me what happens when he gets home",
  "So he works really hard",
  "Carry on",
  "They looked at your request",
  "Then you can challenge it",
  "Can I suggest something?",
];

/** A new draft of the library's phone call, saved through the import form's action. */
async function newDraft(page: Page): Promise<string> {
  const response = await page.request.post("/studio/drafts/new", { form: { source: LIBRARY_FILE }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
  return response.headers()["location"]!;
}

function meterValue(page: Page, meter: string) {
  return page.locator(`#meter-${meter} td`).first();
}

test("a trainer playtests a draft to an ending by keyboard alone, and every moment passes axe", async ({ page }) => {
  await signIn(page, DEMO_ROLES.trainer.email);
  const draft = await newDraft(page);
  await page.goto(draft);
  await page.getByRole("link", { name: "Playtest from the start" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${draft}/playtest$`));
  await expect(page.locator("main h1")).toHaveText("Playtest: The phone call before the letter");
  await expect(page.getByRole("heading", { name: "Moment 1" })).toBeVisible();
  await expect(meterValue(page, "trust")).toHaveText("3");
  await expectNoAxeViolations(page, "the playtest's first moment");

  for (const [index, reply] of TO_THE_HEARD_ENDING.entries()) {
    const button = page.getByRole("button", { name: reply });
    await expect(button).toBeEnabled();
    await button.focus();
    await page.keyboard.press("Enter");
    if (index < TO_THE_HEARD_ENDING.length - 1) {
      // Focus follows the new moment, so it is read next.
      await expect(page.getByRole("heading", { name: `Moment ${index + 2}` })).toBeFocused();
    }
    if (index === 0) {
      await expect(page.getByRole("complementary", { name: "Coach's note on the choice just made" })).toBeVisible();
      await expect(meterValue(page, "trust")).toHaveText("4");
      await expectNoAxeViolations(page, "a playtest moment with a coach's note");
    }
  }
  const ending = page.getByRole("heading", { name: "The ending: A hard no, and a plan she helped shape" });
  await expect(ending).toBeFocused();
  await expect(page.getByText("It went well", { exact: true })).toBeVisible();
  await expect(meterValue(page, "trust")).toHaveText("10");
  await expect(meterValue(page, "understanding")).toHaveText("7");
  await expect(page.locator(".playtest-path li")).toHaveCount(TO_THE_HEARD_ENDING.length + 1);
  await expectNoAxeViolations(page, "the playtest's ending");

  // Start again, by keyboard: back to the first moment with the meters as they began.
  await page.getByRole("link", { name: "Start again", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Moment 1" })).toBeVisible();
  await expect(meterValue(page, "trust")).toHaveText("3");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a reviewer plays from a middle node to an ending with plain forms", async ({ page }) => {
    await signIn(page, DEMO_ROLES.trainer.email);
    const draft = await newDraft(page);
    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, DEMO_ROLES.reviewer.email);

    await page.goto(`${draft}/playtest`);
    await page.getByLabel("Node to play from").selectOption("next-steps");
    await page.getByRole("button", { name: "Play from this node" }).click();
    await expect(page).toHaveURL(new RegExp(`${draft}/playtest\\?from=next-steps$`));
    await expect(page.getByText("This playtest began at the node “next-steps”, not at the start.")).toBeVisible();
    await expect(meterValue(page, "trust")).toHaveText("3");
    await expect(page.locator(".choice-button")).toHaveCount(1);

    await page.getByRole("button", { name: /^I'll send you an email today/ }).click();
    await expect(page.getByRole("heading", { name: "The ending: The facts, but not yet a plan" })).toBeVisible();
    await expect(meterValue(page, "understanding")).toHaveText("2");
    await page.getByRole("link", { name: "Start again from the start" }).click();
    await expect(page.getByRole("heading", { name: "Moment 1" })).toBeVisible();
  });
});
