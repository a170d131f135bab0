import fs from "node:fs";
import path from "node:path";
import { DEMO_ROLES, expect, expectNoAxeViolations, signIn, test } from "./fixtures";

const SLUG = "phone-before-the-letter";
const LIBRARY_FILE = fs.readFileSync(path.join("scenarios", `${SLUG}.yaml`), "utf8");
// One unknown skill on line 13: an error the checker locates.
const BROKEN = LIBRARY_FILE.replace("skills: [listening,", "skills: [no-such-skill,");

test("a trainer imports a file, sees a located problem, fixes it in the editor, and every page passes axe", async ({
  page,
}) => {
  await signIn(page, DEMO_ROLES.trainer.email);
  await page.goto("/studio");
  await expect(page.getByRole("heading", { name: "Your organisation's drafts" })).toBeVisible();
  await expectNoAxeViolations(page, "the studio with drafts");

  await page.getByRole("link", { name: "Start a draft by importing a file" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Start a draft by importing a file");
  await expectNoAxeViolations(page, "the import page");
  await page.getByLabel("File to import").setInputFiles({
    name: `${SLUG}.yaml`,
    mimeType: "application/x-yaml",
    buffer: Buffer.from(BROKEN),
  });
  await page.getByRole("button", { name: "Save as a draft" }).click();

  await expect(page).toHaveURL(/\/studio\/drafts\/[a-z0-9]+$/);
  const problem = page.getByRole("link", { name: new RegExp(`^${SLUG}\\.yaml:13:\\d+: error: .*no-such-skill`) });
  await expect(problem).toBeVisible();
  await expect(problem).toHaveAttribute("href", "#line-13");
  // The draft matches the schema, so its map is drawn even while the checker finds a problem.
  await expect(page.getByRole("heading", { name: "Map of the conversation" })).toBeVisible();
  await expectNoAxeViolations(page, "a draft with a problem");

  const editor = page.getByLabel("The scenario's YAML");
  await editor.fill((await editor.inputValue()).replace("no-such-skill", "listening"));
  await page.getByRole("button", { name: "Save the draft" }).click();

  await expect(page.getByText("The checker found no problems.")).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(`^${SLUG}\\.yaml:`) })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Map of the conversation" })).toBeVisible();
  await expectNoAxeViolations(page, "the fixed draft");
});
