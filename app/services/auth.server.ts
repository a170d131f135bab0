import { redirect } from "@remix-run/node";
import { hasPermission, type Permission } from "~/domain/roles";
import {
  describeWait,
  laterLimit,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ADDRESS,
  SIGN_IN_WINDOW_MS,
  signInLimit,
  type SignInLimit,
} from "~/domain/sign-in-limits";
import { findUserForSignIn, getCurrentUser, type CurrentUser } from "~/models/user.server";
import { recordAudit } from "./audit.server";
import { prisma } from "./db.server";
import { verifyPassword } from "./password.server";
import { findActiveSession } from "./session.server";

// The root loader and the page's loader ask about the same request: look it up once.
const usersByRequest = new WeakMap<Request, Promise<CurrentUser | null>>();

export function getOptionalUser(request: Request): Promise<CurrentUser | null> {
  let user = usersByRequest.get(request);
  if (!user) {
    user = findActiveSession(request).then((session) => (session ? getCurrentUser(session.userId) : null));
    usersByRequest.set(request, user);
  }
  return user;
}

/** Only paths on this site, so a crafted link cannot send someone elsewhere after sign-in. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/home"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  return to;
}

export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = `${url.pathname}${url.search}`;
    const params = back === "/" || back === "/home" ? "" : `?${new URLSearchParams({ redirectTo: back })}`;
    throw redirect(`/login${params}`);
  }
  return user;
}

export async function requireUserWithPermission(request: Request, permission: Permission): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!hasPermission(user.roles, permission)) {
    throw new Response("You do not have access to this page.", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

export type SignInResult =
  | { status: "signed-in"; userId: string }
  | { status: "invalid" }
  | { status: "limited"; retryAt: Date; wait: string };

async function recentFailures(where: { email: string } | { ipAddress: string }, since: Date): Promise<Date[]> {
  const rows = await prisma.auditEvent.findMany({
    where: { type: "sign-in.failed", createdAt: { gt: since }, ...where },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
    take: Math.max(MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS),
  });
  return rows.map((row) => row.createdAt);
}

async function currentLimit(email: string, ipAddress: string, now: Date): Promise<SignInLimit> {
  const windowStart = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  // A successful sign-in clears the account's slate; the address's count runs on.
  const lastSuccess = await prisma.auditEvent.findFirst({
    where: { type: "sign-in.succeeded", email, createdAt: { gt: windowStart } },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  const accountSince = lastSuccess && lastSuccess.createdAt > windowStart ? lastSuccess.createdAt : windowStart;
  const [accountFailures, addressFailures] = await Promise.all([
    recentFailures({ email }, accountSince),
    recentFailures({ ipAddress }, windowStart),
  ]);
  return laterLimit(
    signInLimit(accountFailures, MAX_FAILURES_PER_ACCOUNT, now),
    signInLimit(addressFailures, MAX_FAILURES_PER_ADDRESS, now),
  );
}

/** Checks the limits, then the password; writes the outcome to the audit log. */
export async function attemptSignIn(input: { email: string; password: string; ipAddress: string }): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const now = new Date();
  const limit = await currentLimit(email, input.ipAddress, now);
  const user = await findUserForSignIn(email);
  if (limit.limited) {
    await recordAudit({ type: "sign-in.limited", email, ipAddress: input.ipAddress, organisationId: user?.organisationId });
    return { status: "limited", retryAt: limit.retryAt, wait: describeWait(limit.retryAt, now) };
  }
  const passwordMatches = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !passwordMatches || user.deactivatedAt) {
    const reason = !user ? "unknown-account" : user.deactivatedAt && passwordMatches ? "deactivated" : "wrong-password";
    await recordAudit({
      type: "sign-in.failed",
      email,
      ipAddress: input.ipAddress,
      organisationId: user?.organisationId,
      actorId: user?.id,
      detail: { reason },
    });
    return { status: "invalid" };
  }
  await recordAudit({
    type: "sign-in.succeeded",
    email,
    ipAddress: input.ipAddress,
    organisationId: user.organisationId,
    actorId: user.id,
  });
  return { status: "signed-in", userId: user.id };
}
