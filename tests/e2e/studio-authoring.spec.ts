import { DEMO_ROLES, expect, expectNoAxeViolations, signIn, test } from "./fixtures";
import { buildFiveNodeScenario, FLASH, startFromNothing } from "./studio-helpers";

/** A trainer builds a scenario in the studio's forms, never touching YAML. */

test("a trainer builds a five-node scenario in forms, fixes the dead end the checker finds, and every page passes axe", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await buildFiveNodeScenario(page);

  // On the draft page, the map's nodes open their forms.
  await page.getByRole("link", { name: "Before the annual review" }).first().click();
  await expect(page.getByText("The checker found no problems.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Map of the conversation" })).toBeVisible();
  await expectNoAxeViolations(page, "the finished draft");
  const mapLink = page.locator('.conversation-map a[href$="/nodes/think"]').first();
  await expect(mapLink).toHaveCount(1);
  await page.goto(await mapLink.evaluate((a) => a.getAttribute("href") ?? a.getAttribute("xlink:href") ?? ""));
  await expect(page.locator("main h1")).toHaveText("Edit the pause think");
  await expectNoAxeViolations(page, "a pause's page");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a persona form refused for a bad id keeps what was typed, then saves", async ({ page }) => {
    await signIn(page, DEMO_ROLES.trainer.email);
    await startFromNothing(page, "Without scripts");
    await page.getByRole("link", { name: "People and meters" }).first().click();
    await page.getByRole("link", { name: "Add a persona" }).click();
    await page.getByLabel("Persona id").fill("Not An Id");
    await page.getByLabel("Name").fill("Grace Mensah");
    await page.getByRole("button", { name: "Save the persona" }).click();
    await expect(page.getByRole("alert")).toContainText("Persona id: use lowercase letters");
    await expect(page.getByRole("alert")).toContainText("Background: must not be empty");
    await expect(page.getByLabel("Name")).toHaveValue("Grace Mensah");
    await expect(page.getByLabel("Persona id")).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("Persona id").fill("grace");
    await page.getByLabel("Who they are to the child").fill("Mother of Kwame, aged 6");
    await page.getByLabel("Background").fill("Kwame started school in September.");
    await page.getByLabel("What they want").fill("A place that suits Kwame.");
    await page.getByLabel("What they fear").fill("That nobody is listening.");
    await page.getByLabel("How they speak").fill("Warm, but tired.");
    await page.getByRole("button", { name: "Save the persona" }).click();
    await expect(FLASH(page)).toHaveText("The persona Grace Mensah is saved.");
    await expect(page.getByRole("link", { name: "Edit Grace Mensah (grace)" })).toBeVisible();
  });
});
