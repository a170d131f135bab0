import { DEMO_ROLES, expect, expectNoAxeViolations, signIn, test } from "./fixtures";

/** A whole conversation in one's own words against the mock provider (MOCKS=true), by keyboard. */
test("an admin turns own-words practice on; a practitioner has a whole conversation by keyboard", async ({
  browser,
}) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, DEMO_ROLES.admin.email);
  await admin.goto("/admin/settings");
  await admin.getByLabel("Let people in this organisation practise in their own words").check();
  await admin.getByRole("button", { name: "Save", exact: true }).click();
  await expect(admin.getByText("Settings saved.")).toBeVisible();
  await expectNoAxeViolations(admin, "settings with own-words practice");
  await adminContext.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO_ROLES.practitioner.email);
  await page.goto("/practise/phone-before-the-letter");
  const start = page.getByRole("button", { name: "Start in your own words" });
  await start.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("main h1")).toHaveText("On the phone with Nadia Begum");
  // Speech is optional: the parent's latest words can be read aloud where the browser can speak.
  await expect(page.getByRole("button", { name: "Read Nadia Begum's words aloud" })).toBeVisible();
  await expectNoAxeViolations(page, "an own-words conversation");

  const replies = [
    "Hello Nadia, it's the SEND team at the council. Is now an all right time to talk?",
    "I'm sorry, the panel decided not to carry out an assessment. I wanted you to hear it from me first.",
    "I will send the letter today and ring you on Friday to agree what happens next with the school.",
  ];
  for (const [index, reply] of replies.entries()) {
    const box = page.getByLabel("What you say");
    await box.focus();
    await page.keyboard.insertText(reply);
    // Tab on to "Say it", past the optional "Speak your answer" button when the browser offers it.
    const sayIt = page.getByRole("button", { name: "Say it" });
    for (let tabs = 0; tabs < 3 && !(await sayIt.evaluate((button) => button === document.activeElement)); tabs += 1) {
      await page.keyboard.press("Tab");
    }
    await expect(sayIt).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByText(reply)).toBeVisible();
    // The answer is streamed in, saved, and the box is ready again (or the conversation has ended).
    if (index < replies.length - 1) {
      await expect(page.getByRole("button", { name: "Say it" })).toBeEnabled();
      await expect(box).toHaveValue("");
      await expect(page.locator(".transcript__turn--persona")).toHaveCount(index + 2);
    }
  }
  await expect(page.locator("main h1")).toHaveText("How it went");
  await expect(page.getByRole("heading", { name: "The coach's feedback" })).toBeVisible();
  await expect(page.getByText("Acknowledged feelings")).toBeVisible();
  await expectNoAxeViolations(page, "the coach's feedback");
  await context.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a reply is a plain form post, and the answer appears when complete", async ({ page }) => {
    await signIn(page, DEMO_ROLES.admin.email);
    await page.goto("/admin/settings");
    await page.getByLabel("Let people in this organisation practise in their own words").check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("button", { name: "Sign out" }).click();

    await signIn(page, DEMO_ROLES.practitioner.email);
    await page.goto("/practise/when-school-feels-impossible");
    await page.getByRole("button", { name: "Start in your own words" }).click();
    await expect(page.locator("main h1")).toHaveText("On the phone with Imran Chaudhry");
    await page.getByLabel("What you say").fill("Hello Imran, thank you for calling. I'm from the SEND team.");
    await page.getByRole("button", { name: "Say it" }).click();
    await expect(page.getByText("Hello Imran, thank you for calling.")).toBeVisible();
    await expect(page.locator(".transcript__turn--persona")).toHaveCount(2);
  });
});
