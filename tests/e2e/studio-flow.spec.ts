import type { Browser, Page } from "@playwright/test";
import { DEMO_ROLES, expect, expectNoAxeViolations, signIn, test } from "./fixtures";
import { buildFiveNodeScenario, FIVE_NODE_TITLE, FLASH } from "./studio-helpers";

/**
 * The studio from start to finish, as the issue describes it: a trainer writes a scenario,
 * a reviewer asks for a change, the trainer revises, the reviewer approves, the trainer
 * publishes, and a practitioner plays it. Each person in their own browser.
 */

const TITLE = FIVE_NODE_TITLE;

async function personIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** The thread's newest entry. */
function lastEntry(page: Page) {
  return page.locator(".review-thread__entry").last();
}

export async function reviewPublishAndPlay(browser: Browser, trainer: Page, draftUrl: string): Promise<void> {
  // The trainer sends the draft for review.
  await trainer.goto(draftUrl);
  await trainer.getByRole("link", { name: "send it for review" }).click();
  await expect(trainer.getByRole("heading", { level: 1 })).toHaveText(`Review: ${TITLE}`);
  await expect(trainer.getByText("Send the draft for review first.")).toBeVisible();
  await expectNoAxeViolations(trainer, "a draft's review page before review");
  await trainer.getByLabel("A note for the reviewers").fill("Does Dariusz sound like a real father?");
  await trainer.getByRole("button", { name: "Send for review" }).click();
  await expect(trainer.getByText("The draft is sent for review.")).toBeVisible();
  await expect(trainer.getByText("You sent this draft for review, so the decision is for others.")).toBeVisible();

  // The reviewer asks for a change on one node.
  const reviewer = await personIn(browser, DEMO_ROLES.reviewer.email);
  await reviewer.goto("/studio");
  await reviewer
    .getByRole("row", { name: new RegExp(TITLE) })
    .getByRole("link", { name: "the review" })
    .click();
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText(`Review: ${TITLE}`);
  await expectNoAxeViolations(reviewer, "the review page as a reviewer");
  await expect(reviewer.getByRole("button", { name: "Publish this version" })).toHaveCount(0);
  await reviewer.getByLabel("What it is about").selectOption("call");
  await reviewer.getByLabel("Ask for changes").check();
  await reviewer.getByRole("button", { name: "Add to the thread" }).click();
  // Asking for changes without saying what: refused, with the choice kept.
  await expect(reviewer.getByText("Say what should change, so the trainer can act on it.").first()).toBeVisible();
  await expect(reviewer.getByLabel("Ask for changes")).toBeChecked();
  await expectNoAxeViolations(reviewer, "the review form with a problem");
  await reviewer
    .getByLabel("Your comment")
    .fill("He would not say 'apologies for the inconvenience'. Make it his own words.");
  await reviewer.getByRole("button", { name: "Add to the thread" }).click();
  await expect(reviewer.getByText("Your request for changes is recorded.")).toBeVisible();
  await expect(lastEntry(reviewer)).toContainText("Asked for changes");
  await expect(lastEntry(reviewer)).toContainText("call");

  // The trainer cannot publish yet; revises, replies and sends it again.
  await trainer.reload();
  await expect(trainer.getByText("Changes were asked for in this round.")).toBeVisible();
  await expect(trainer.getByRole("button", { name: "Publish this version" })).toHaveCount(0);
  await revise(trainer, draftUrl);
  await trainer.goto(`${draftUrl}/review`);
  await trainer.getByLabel("Your comment").fill("Changed: he asks about Ola first.");
  await trainer.getByRole("button", { name: "Add to the thread" }).click();
  await expect(trainer.getByText("Your comment is added.")).toBeVisible();
  await trainer.getByLabel("A note for the reviewers").fill("Second round: his first line is rewritten.");
  await trainer.getByRole("button", { name: "Send for review again" }).click();
  await expect(trainer.getByText("The draft is sent for review again.")).toBeVisible();

  // The reviewer approves the new version.
  await reviewer.reload();
  await reviewer.getByLabel("Approve this version").check();
  await reviewer.getByRole("button", { name: "Add to the thread" }).click();
  await expect(reviewer.getByText("Your approval is recorded.")).toBeVisible();
  await expect(reviewer.getByText("Approved this version: Carol Whitfield")).toBeVisible();
  await reviewer.context().close();

  // The trainer publishes.
  await trainer.reload();
  await trainer.getByRole("button", { name: "Publish this version" }).click();
  await expect(trainer.getByText("Version 1 is published.")).toBeVisible();
  await expect(trainer.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expectNoAxeViolations(trainer, "the published scenario's page");

  // A practitioner finds it in the catalogue and plays it to the end.
  const practitioner = await personIn(browser, DEMO_ROLES.practitioner.email);
  await practitioner.goto("/practise");
  await practitioner.getByRole("link", { name: TITLE }).first().click();
  await practitioner.getByRole("button", { name: "Start the conversation" }).click();
  await expect(practitioner.locator("main h1")).toHaveText("Moment 1");
  await expect(practitioner.getByText(REVISED_LINE)).toBeVisible();
  for (let guard = 0; guard < 10 && !/\/debrief$/.test(practitioner.url()); guard++) {
    const moment = (await practitioner.locator("main h1").textContent()) ?? "";
    await practitioner.locator(".choice-button").first().click();
    await expect(practitioner.locator("main h1")).not.toHaveText(moment);
  }
  await expect(practitioner).toHaveURL(/\/debrief$/);
  await expectNoAxeViolations(practitioner, "the debrief of a published studio scenario");
  await practitioner.context().close();
}

const REVISED_LINE = "Hello. Is Ola all right? Oh, it's about the review.";

/** The reviewer's change, made in the node's form. */
async function revise(trainer: Page, draftUrl: string): Promise<void> {
  await trainer.goto(`${draftUrl}/nodes/call`);
  await trainer.getByLabel("What they say").fill(REVISED_LINE);
  await trainer.getByRole("button", { name: "Save the node" }).click();
  await expect(FLASH(trainer)).toContainText("saved");
}

test("a trainer builds a scenario from nothing, fixes it, playtests it; it is reviewed, revised, approved, published and played", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await buildFiveNodeScenario(page);
  await page.getByRole("link", { name: TITLE }).first().click();
  await expect(page).toHaveURL(/\/studio\/drafts\/\w+$/);
  await expect(page.getByText("The checker found no problems.")).toBeVisible();
  const draftUrl = new URL(page.url()).pathname;

  // The map's list view, by keyboard only: skip the drawing, then tab to a node's edit link.
  await page.getByRole("link", { name: "Skip the map and read the conversation as a list" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "The conversation, node by node" })).toBeFocused();
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? "");
    if (focused.startsWith("Edit this node")) break;
  }
  await expect(page.locator(":focus")).toHaveText("Edit this node (call)");
  await page.keyboard.press("Enter");
  await expect(page.locator("main h1")).toHaveText("Edit the line call");

  await playtest(page, draftUrl);
  await reviewPublishAndPlay(browser, page, draftUrl);
});

/** Plays the draft from the start to an ending; playing is not practice. */
async function playtest(page: Page, draftUrl: string): Promise<void> {
  await page.goto(draftUrl);
  await page.getByRole("link", { name: "Playtest from the start" }).click();
  await expect(page.locator("main h1")).toHaveText(`Playtest: ${TITLE}`);
  await expect(page.getByRole("heading", { name: "Moment 1" })).toBeVisible();
  await expect(page.locator("#meter-trust td").first()).toHaveText("2");
  await expectNoAxeViolations(page, "the playtest");
  await page.getByRole("button", { name: /^It is\. How does Ola like/ }).click();
  await expect(page.getByRole("heading", { name: "Moment 2" })).toBeVisible();
  await expect(page.locator("#meter-trust td").first()).toHaveText("3");
  await expect(page.getByRole("complementary", { name: "Coach's note on the choice just made" })).toContainText(
    "Starting from the child puts her at the centre.",
  );
  await page.getByRole("button", { name: "Carry on" }).click();
  await expect(page.getByRole("heading", { name: "The ending: Ola's views, in Ola's way" })).toBeVisible();
  await expectNoAxeViolations(page, "the playtest's ending");
}

test("the demo's draft in review is approved, published twice, and its two versions compared", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const demoTitle = "A word before the annual review";
  const reviewer = await personIn(browser, DEMO_ROLES.reviewer.email);
  await reviewer.goto("/studio");
  await reviewer
    .getByRole("row", { name: new RegExp(demoTitle) })
    .getByRole("link", { name: "the review" })
    .click();
  // The thread the demo starts with: the trainer's note and the reviewer's comment on one node.
  await expect(reviewer.getByText("Does Lorna sound like a parent you know?")).toBeVisible();
  await expect(lastEntry(reviewer).getByRole("link", { name: "lunchtimes" })).toBeVisible();
  await reviewer.getByLabel("Approve this version").check();
  await reviewer.getByRole("button", { name: "Add to the thread" }).click();
  await expect(reviewer.getByText("Your approval is recorded.")).toBeVisible();

  await signIn(page, DEMO_ROLES.trainer.email);
  await page.goto("/studio");
  await page
    .getByRole("row", { name: new RegExp(demoTitle) })
    .getByRole("link", { name: "the review" })
    .click();
  await page.getByRole("button", { name: "Publish this version" }).click();
  await expect(page.getByText("Version 1 is published.")).toBeVisible();
  await page.getByRole("link", { name: "The draft it is published from" }).click();
  await expect(page).toHaveURL(/\/studio\/drafts\/\w+$/);
  const draftUrl = new URL(page.url()).pathname;

  // A second version: one line changed, reviewed and published.
  const editor = page.getByLabel("The scenario's YAML");
  await editor.fill(
    (await editor.inputValue()).replace("Nobody ever asks about lunch.", "I've asked about lunch before."),
  );
  await page.getByRole("button", { name: "Save the draft" }).click();
  await expect(page.getByText("Your draft is saved.")).toBeVisible();
  await page.goto(`${draftUrl}/review`);
  await page.getByRole("button", { name: "Send for review again" }).click();
  await expect(page.getByText("The draft is sent for review again.")).toBeVisible();
  await reviewer.reload();
  await reviewer.getByLabel("Approve this version").check();
  await reviewer.getByRole("button", { name: "Add to the thread" }).click();
  await expect(reviewer.getByText("Your approval is recorded.")).toBeVisible();
  await reviewer.context().close();
  await page.reload();
  await page.getByRole("button", { name: "Publish this version" }).click();
  await expect(page.getByText("Version 2 is published.")).toBeVisible();

  await page.getByRole("link", { name: "Compare with version 1" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What changed between versions");
  await expect(page.getByText("0 nodes added, 0 removed, 1 changed and 5 unchanged.")).toBeVisible();
  await expect(page.getByRole("cell", { name: /I've asked about lunch before\./ })).toBeVisible();
  await expectNoAxeViolations(page, "the diff of two versions");

  // Archived: gone from the catalogue, and back again.
  await page.goto(new URL(page.url()).pathname.replace(/\/diff$/, ""));
  await page.getByRole("button", { name: "Archive this scenario" }).click();
  await expect(page.getByText("The scenario is archived")).toBeVisible();
  await expectNoAxeViolations(page, "an archived scenario's page");
});
