import type { Page } from "@playwright/test";
import { DEMO_ROLES, expect, expectNoAxeViolations, signIn } from "./fixtures";

/** Steps in the studio shared by the browser tests: building a scenario in forms, never touching YAML. */

export const FLASH = (page: Page) => page.locator(".flash");
/** The list of the draft's parts beside every form. */
export const parts = (page: Page) => page.getByRole("navigation", { name: "Parts of the draft" });

export async function startFromNothing(page: Page, title: string) {
  await page.goto("/studio/drafts/new");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Start the draft" }).click();
  await expect(page).toHaveURL(/\/studio\/drafts\/[a-z0-9]+$/);
}

export async function addNode(page: Page, type: "line" | "pause" | "ending", fill: () => Promise<void>) {
  await page.getByRole("link", { name: "Add a node" }).first().click();
  await page.getByLabel(new RegExp(`^An? ${type}:`)).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await fill();
  await page.getByRole("button", { name: "Add the node" }).click();
  await expect(FLASH(page)).toContainText("is added");
}

export async function addChoice(
  page: Page,
  node: string,
  choice: { id: string; says: string; next: string; trust?: string; note: string; when?: string },
) {
  await parts(page)
    .getByRole("link", { name: `Node ${node}`, exact: true })
    .click();
  await page.getByRole("link", { name: "Add a choice" }).click();
  await page.getByLabel("Choice id").fill(choice.id);
  await page.getByLabel("What the practitioner says or does").fill(choice.says);
  await page.getByLabel("Leads to").selectOption(choice.next);
  if (choice.trust) await page.getByLabel("Effect on How far Dariusz trusts you (trust)").fill(choice.trust);
  await page.getByLabel("Coach's note").fill(choice.note);
  if (choice.when) await page.getByLabel("Only offered when").fill(choice.when);
  await page.getByRole("checkbox", { name: "Listening" }).check();
  await page.getByRole("button", { name: "Save the choice" }).click();
  await expect(FLASH(page)).toHaveText(`The choice ${choice.id} is saved.`);
}

export const FIVE_NODE_TITLE = "Before the annual review";

/**
 * The demo trainer builds a five-node scenario from nothing in the forms (details, a persona, a meter,
 * two lines, a pause, two endings), meets the dead end the checker reports, and fixes it through the
 * checker's link. Every kind of page is checked with axe on the way.
 */
export async function buildFiveNodeScenario(page: Page): Promise<void> {
  await signIn(page, DEMO_ROLES.trainer.email);
  await page.goto("/studio/drafts/new");
  await expectNoAxeViolations(page, "the new draft page");
  await startFromNothing(page, "Before the annual review");
  await expect(page.locator("main h1")).toHaveText("Before the annual review");
  await expect(page.getByText("before-the-annual-review.yaml").first()).toBeVisible();

  // Details.
  await page.getByRole("link", { name: "Edit details" }).first().click();
  await expect(page.locator("main h1")).toHaveText("Edit details");
  await expectNoAxeViolations(page, "the details form");
  await page.getByLabel("Summary").fill("A SENCO rings a father to plan how his daughter will share her views.");
  await page.getByRole("checkbox", { name: "SENCOs" }).check();
  await page.getByRole("checkbox", { name: "Listening" }).check();
  await page.getByLabel("Minutes to play").fill("5");
  await page.getByLabel("How the conversation happens").selectOption("phone");
  await page.getByRole("button", { name: "Save the details" }).click();
  await expect(FLASH(page)).toHaveText("The details are saved.");

  // One persona and one meter.
  await page.getByRole("link", { name: "People and meters" }).first().click();
  await expectNoAxeViolations(page, "the people and meters page");
  await page.getByRole("link", { name: "Add a persona" }).click();
  await expectNoAxeViolations(page, "the persona form");
  await page.getByLabel("Persona id").fill("dariusz");
  await page.getByLabel("Name").fill("Dariusz Kowal");
  await page.getByLabel("Who they are to the child").fill("Father of Ola, aged 11");
  await page.getByLabel("Background").fill("Ola has a speech and language need.");
  await page.getByLabel("What they want").fill("For Ola to be heard.");
  await page.getByLabel("What they fear").fill("Another meeting about Ola, without Ola.");
  await page.getByLabel("How they speak").fill("Polite and careful.");
  await page.getByRole("button", { name: "Save the persona" }).click();
  await expect(FLASH(page)).toHaveText("The persona Dariusz Kowal is saved.");
  await page.getByRole("link", { name: "Add a meter" }).click();
  await expectNoAxeViolations(page, "the meter form");
  await page.getByLabel("Meter id").fill("trust");
  await page.getByLabel("What it measures").fill("How far Dariusz trusts you");
  await page.getByLabel("Value at the start").fill("2");
  await page.getByRole("button", { name: "Save the meter" }).click();
  await expect(FLASH(page)).toHaveText("The meter trust is saved.");

  // Five nodes: two lines, a pause and two endings.
  await page.getByRole("link", { name: "Add a node" }).first().click();
  await expectNoAxeViolations(page, "choosing a kind of node");
  await page.goBack();
  await addNode(page, "line", async () => {
    await expectNoAxeViolations(page, "the new line form");
    await page.getByLabel("Node id").fill("call");
    await page.getByLabel("Who speaks").selectOption("dariusz");
    await page.getByLabel("What they say").fill("Hello. Is it about the review?");
  });
  await expect(page.locator("main h1")).toHaveText("Edit the line call");
  await expectNoAxeViolations(page, "a line's page");
  await addNode(page, "line", async () => {
    await page.getByLabel("Node id").fill("form");
    await page.getByLabel("Who speaks").selectOption("dariusz");
    await page.getByLabel("What they say").fill("Last year she could not write on that form.");
  });
  for (const [id, title, tone] of [
    ["heard", "Ola's views, in Ola's way", "positive"],
    ["unheard", "The form goes home again", "difficult"],
  ] as const) {
    await addNode(page, "ending", async () => {
      if (id === "heard") await expectNoAxeViolations(page, "the new ending form");
      await page.getByLabel("Node id").fill(id);
      await page.getByLabel("Name of this ending").fill(title);
      await page.getByLabel("How it ended").selectOption(tone);
      await page.getByLabel("Debrief").fill("You talked with Dariusz about how Ola shares her views.");
      await page.getByLabel("What went well").fill("You listened to Dariusz.");
      await page.getByLabel("What to try next time").fill("Ask Ola herself.");
    });
  }
  await addNode(page, "pause", async () => {
    await page.getByLabel("Node id").fill("think");
    await page.getByLabel("Question to reflect on").fill("How will Ola's own words reach the review?");
    await page.getByLabel("The node that follows").selectOption("heard");
  });

  // Choices, one of them offered only when trust is high: a dead end at "form".
  await addChoice(page, "call", {
    id: "ask-about-ola",
    says: "It is. How does Ola like to tell people what she thinks?",
    next: "think",
    trust: "1",
    note: "Starting from the child puts her at the centre.",
  });
  await page.getByRole("link", { name: "Add a choice" }).click();
  await expectNoAxeViolations(page, "the choice form");
  await page.goBack();
  await addChoice(page, "call", {
    id: "send-the-form",
    says: "It is. I will send the usual form home.",
    next: "form",
    note: "A form suits some children, but nobody asked Ola.",
  });
  await addChoice(page, "form", {
    id: "form-again",
    says: "The form is still the simplest way.",
    next: "unheard",
    when: "trust >= 3",
    note: "The process is satisfied; Ola is not.",
  });

  // The checker finds the dead end, and its link opens the node it concerns.
  const deadEnd = page.getByRole("link", { name: /error: dead end/ }).first();
  await expect(deadEnd).toBeVisible();
  await expect(deadEnd).toHaveAttribute("href", /\/nodes\/form$/);
  await deadEnd.click();
  await expect(page.locator("main h1")).toHaveText("Edit the line form");
  await page.getByRole("link", { name: "Edit the choice form-again" }).click();
  await expect(page.getByLabel("Only offered when")).toHaveValue("trust >= 3");
  await page.getByLabel("Only offered when").fill("");
  await page.getByRole("button", { name: "Save the choice" }).click();
  await expect(FLASH(page)).toHaveText("The choice form-again is saved.");
  await expect(page.getByText("The checker found no problems.")).toBeVisible();
}
