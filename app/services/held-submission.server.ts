import { parseWithZod } from "@conform-to/zod/v4";
import { redirect } from "@remix-run/node";
import { answersFor, reflectionSaveSchema } from "~/domain/reflection";
import { getOwnReflection, saveReflection } from "~/models/reflection.server";
import { appCookie } from "./cookies.server";
import { prisma } from "./db.server";
import { getEnv } from "./env.server";
import { findLapsedSessionOwner, hashToken, newToken } from "./session.server";

/**
 * Keeping what someone wrote when their session timed out before they pressed Save, without
 * JavaScript (with it, the page also keeps a copy in the browser). The form is held against the
 * person whose session it was, and a random token in this browser; it is saved for them only
 * when the same person signs in again in the same browser, and forgotten after a day.
 */

const HELD_MS = 24 * 60 * 60 * 1000;

function heldCookie() {
  return appCookie(getEnv(), "held", HELD_MS / 1000);
}

async function readHeldToken(request: Request): Promise<string | null> {
  const value: unknown = await heldCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The form's text fields, as posted; files and the buttons' own values are not text worth keeping. */
function textFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of formData) if (typeof value === "string" && name !== "autosave") fields[name] = value;
  return fields;
}

/**
 * For a reflection saved after the session ended: holds the text and sends the person to sign in,
 * coming back to the reflection. Returns without doing anything when there is nobody to keep it for
 * (never signed in here, or a different kind of post), so the caller's usual sign-in check follows.
 */
export async function holdReflectionForSignIn(request: Request, reflectionId: string, formData: FormData) {
  if (formData.get("intent") !== "save" || reflectionId.length > 40) return;
  const userId = await findLapsedSessionOwner(request);
  if (!userId) return;
  const token = (await readHeldToken(request)) ?? newToken();
  const tokenHash = hashToken(token);
  await prisma.$transaction([
    // The newest text replaces any older copy of the same reflection held in this browser.
    prisma.heldSubmission.deleteMany({ where: { tokenHash, userId, kind: "reflection", targetId: reflectionId } }),
    prisma.heldSubmission.create({
      data: {
        tokenHash,
        userId,
        kind: "reflection",
        targetId: reflectionId,
        fields: JSON.stringify(textFields(formData)),
        expiresAt: new Date(Date.now() + HELD_MS),
      },
    }),
  ]);
  const back = new URLSearchParams({ redirectTo: `/journal/${reflectionId}` });
  throw redirect(`/login?${back}`, { headers: { "Set-Cookie": await heldCookie().serialize(token) } });
}

/** Whether this browser holds something for whoever signs in next (what it is stays private). */
export async function isHoldingSubmissions(request: Request): Promise<boolean> {
  const token = await readHeldToken(request);
  if (!token) return false;
  const count = await prisma.heldSubmission.count({
    where: { tokenHash: hashToken(token), expiresAt: { gt: new Date() } },
  });
  return count > 0;
}

function asFormData(fields: Record<string, string>): FormData {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.append(name, value);
  return formData;
}

/**
 * Just after signing in: saves what this browser held for this person. Anything that does not
 * pass the reflection's checks (too long, say) stays held and is shown on the reflection's page to
 * fix. Returns how many were saved.
 */
export async function saveHeldSubmissions(request: Request, userId: string): Promise<number> {
  const token = await readHeldToken(request);
  await prisma.heldSubmission.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  if (!token) return 0;
  const held = await prisma.heldSubmission.findMany({
    where: { tokenHash: hashToken(token), userId, kind: "reflection" },
    orderBy: { createdAt: "asc" },
  });
  let saved = 0;
  for (const item of held) {
    const reflection = await getOwnReflection(userId, item.targetId);
    if (!reflection) {
      // The reflection has gone (deleted in another tab): nothing of the person's to save it into.
      await prisma.heldSubmission.delete({ where: { id: item.id } });
      continue;
    }
    const fields = JSON.parse(item.fields) as Record<string, string>;
    const submission = parseWithZod(asFormData(fields), { schema: reflectionSaveSchema(reflection.framework) });
    if (submission.status !== "success") continue;
    const answers = (submission.value.answer ?? {}) as Record<string, string | undefined>;
    await saveReflection(userId, reflection.id, {
      title: submission.value.title ?? "",
      answers: answersFor(reflection.framework, answers),
    });
    await prisma.heldSubmission.delete({ where: { id: item.id } });
    saved += 1;
  }
  return saved;
}

/** Held text for one reflection that could not be saved as it was, for the page to show and fix. */
export async function heldReflectionFields(userId: string, reflectionId: string): Promise<FormData | null> {
  const item = await prisma.heldSubmission.findFirst({
    where: { userId, kind: "reflection", targetId: reflectionId, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
  });
  return item ? asFormData(JSON.parse(item.fields) as Record<string, string>) : null;
}

/** Once the person has saved the reflection themselves, nothing held for it is needed. */
export async function forgetHeldReflection(userId: string, reflectionId: string): Promise<void> {
  await prisma.heldSubmission.deleteMany({ where: { userId, kind: "reflection", targetId: reflectionId } });
}
