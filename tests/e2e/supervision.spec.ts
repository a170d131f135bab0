import path from "node:path";
import Database from "better-sqlite3";
import { DEMO_ROLES, expect, expectNoAxeViolations, signIn, test } from "./fixtures";

/**
 * A monthly supervision series from booking to a confirmed record, as the two people do it.
 * Recording needs a session that has happened, so the test moves the first one into the past in
 * the app's database (the same file playwright.config.ts gives the app), as time would.
 */
function moveIntoThePast(sessionId: string): void {
  const db = new Database(path.resolve("tests", ".tmp", "e2e.db"));
  try {
    const startsAt = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    db.prepare("UPDATE SupervisionSession SET startsAt = ?, endsAt = ? WHERE id = ?").run(
      startsAt.toISOString(),
      new Date(startsAt.getTime() + 60 * 60 * 1000).toISOString(),
      sessionId,
    );
  } finally {
    db.close();
  }
}

test("a manager books a monthly series; the supervisee adds to the agenda and confirms the record", async ({
  browser,
}) => {
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, DEMO_ROLES.manager.email);

  await manager.goto("/supervision/agreements");
  await expectNoAxeViolations(manager, "supervision agreements");
  const amiraAgreement = manager.getByRole("region", { name: "Amira Hussain" });
  await amiraAgreement.getByLabel("Every how many weeks").fill("4");
  await amiraAgreement.getByLabel("Where").fill("Room 2.14");
  await amiraAgreement.getByRole("button", { name: "Save the agreement with Amira Hussain" }).click();
  await expect(manager.getByText("The supervision agreement is saved.")).toBeVisible();

  await manager.goto("/supervision");
  await expectNoAxeViolations(manager, "supervision as a manager");
  await manager.getByRole("link", { name: "Schedule supervision" }).click();
  await expect(manager.locator("main h1")).toHaveText("Schedule supervision");
  // A start in the past is refused, naming the field and keeping what was typed.
  await manager.getByLabel("Who with").selectOption({ label: "Amira Hussain" });
  await manager.getByLabel("Starts").fill("2020-01-07T10:00");
  await manager.getByLabel("Where").fill("Room 2.14, Northbridge House");
  await manager.getByRole("button", { name: "Book supervision" }).click();
  await expect(manager.getByText("The start is in the past").first()).toBeVisible();
  await expect(manager.getByLabel("Where")).toHaveValue("Room 2.14, Northbridge House");
  await expectNoAxeViolations(manager, "schedule supervision with an error");

  await manager.getByLabel("Starts").fill("2027-09-07T10:00");
  await manager.getByLabel("Repeats").selectOption({ label: "Monthly, on the same date" });
  await manager.getByLabel("Number of sessions").fill("6");
  await manager.getByRole("button", { name: "Book supervision" }).click();
  await expect(manager.getByText("6 supervision sessions with Amira Hussain are booked")).toBeVisible();
  await expect(manager.locator("main h1")).toHaveText("7 September 2027 at 10:00");
  await expectNoAxeViolations(manager, "a booked session, as the supervisor");
  const sessionUrl = manager.url();

  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signIn(member, DEMO_ROLES.practitioner.email);
  await member.goto("/supervision");
  await expect(member.getByText("was booked").first()).toBeVisible();
  await expectNoAxeViolations(member, "supervision as a supervisee");
  await member.goto(sessionUrl);
  await member.getByLabel("Add to the agenda").fill("Preparing for the tribunal hearing");
  await member.getByRole("button", { name: "Add to the agenda" }).click();
  await expect(member.getByText("Added to the agenda.")).toBeVisible();
  await expectNoAxeViolations(member, "a session's agenda, as the supervisee");

  moveIntoThePast(sessionUrl.split("/").pop()!);
  await manager.goto(sessionUrl);
  await expect(manager.getByText("Preparing for the tribunal hearing")).toBeVisible();
  await manager.getByLabel("Minutes held").fill("55");
  await manager.getByLabel("Support").fill("A hard week: the hearing is on her mind.");
  await manager.getByLabel("Development").fill("Practise the interpreter conversation before the next review.");
  await manager.getByLabel("Action 1", { exact: true }).fill("Play 'Through an interpreter' and reflect on it");
  await manager.getByLabel("Owner").first().selectOption({ label: "Amira Hussain" });
  await manager.getByLabel("Due").first().fill("2027-10-01");
  await manager.getByRole("button", { name: "Save the record" }).click();
  await expect(manager.getByText("Held: awaiting confirmation from Amira Hussain")).toBeVisible();
  await expectNoAxeViolations(manager, "a recorded session, as the supervisor");

  await member.goto(sessionUrl);
  await expect(member.getByText("A hard week: the hearing is on her mind.")).toBeVisible();
  await member.getByLabel("A comment (optional)").fill("Thank you, that helped.");
  await member.getByRole("button", { name: "Confirm the record" }).click();
  await expect(member.getByText("Thank you: the record is confirmed.")).toBeVisible();
  await expect(member.getByText(/Held and confirmed on/)).toBeVisible();
  await expectNoAxeViolations(member, "a confirmed record, as the supervisee");

  // The next session in the series starts with the open action from this one.
  await member.goto("/supervision");
  await member
    .getByRole("region", { name: "Coming up" })
    .getByRole("link", { name: /7 October 2027/ })
    .click();
  await expect(member.getByRole("heading", { name: "Open actions from before" })).toBeVisible();
  await expect(member.getByText("Play 'Through an interpreter' and reflect on it")).toBeVisible();

  await member.goto("/supervision");
  await member.getByRole("button", { name: "Make a calendar feed" }).click();
  await expect(member.getByText(/\/calendar\/[\w-]+\.ics/)).toBeVisible();
  await expectNoAxeViolations(member, "supervision with a new calendar feed");
  await managerContext.close();
  await memberContext.close();
});
