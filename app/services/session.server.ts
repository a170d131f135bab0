import { createHash, randomBytes } from "node:crypto";
import { appCookie } from "./cookies.server";
import { prisma } from "./db.server";
import { getEnv, type Env } from "./env.server";
import { BUSY, hotRead, hotWrite, sqliteDate, sqliteDateText } from "./hot-path.server";

// Touch lastSeenAt at most this often, so reading pages does not write on every request.
const TOUCH_INTERVAL_MS = 60_000;

function sessionCookie() {
  return sessionCookieFor(getEnv());
}

export function sessionCookieFor(env: Env) {
  return appCookie(env, "session", env.SESSION_ABSOLUTE_HOURS * 60 * 60);
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

async function readToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export type SessionMeta = { ipAddress: string; userAgent: string | null };

/** Starts a session and returns the Set-Cookie header that carries its token. */
export async function createSession(userId: string, meta: SessionMeta): Promise<string> {
  const env = getEnv();
  const token = newToken();
  // Signing in is rare enough to tidy up here: lapses older than a day mean nothing any more.
  await prisma.sessionLapse.deleteMany({ where: { lapsedAt: { lt: new Date(Date.now() - LAPSE_REMEMBERED_MS) } } });
  await prisma.session.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      expiresAt: new Date(Date.now() + env.SESSION_ABSOLUTE_HOURS * 60 * 60 * 1000),
      ipAddress: meta.ipAddress,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
  });
  return sessionCookie().serialize(token);
}

export type ActiveSession = { id: string; userId: string };

/**
 * The live session named by the request's cookie, or null. Sessions past their
 * absolute end, idle too long, or of a deactivated person are deleted here.
 */
export async function findActiveSession(request: Request): Promise<ActiveSession | null> {
  const token = await readToken(request);
  if (!token) return null;
  const row = hotRead<{
    id: string;
    userId: string;
    expiresAt: string;
    lastSeenAt: string;
    deactivatedAt: string | null;
  }>(
    `SELECT s.id, s.userId, s.expiresAt, s.lastSeenAt, u.deactivatedAt
       FROM Session s JOIN User u ON u.id = s.userId
      WHERE s.tokenHash = ?`,
  ).get(hashToken(token));
  if (!row) return null;
  const session = {
    id: row.id,
    userId: row.userId,
    expiresAt: sqliteDate(row.expiresAt),
    lastSeenAt: sqliteDate(row.lastSeenAt),
    user: { deactivatedAt: sqliteDate(row.deactivatedAt) },
  };
  const now = Date.now();
  const idleLimit = getEnv().SESSION_IDLE_MINUTES * 60 * 1000;
  const expired = session.expiresAt.getTime() <= now || now - session.lastSeenAt.getTime() > idleLimit;
  if (expired || session.user.deactivatedAt) {
    const tokenHash = hashToken(token);
    await prisma.$transaction([
      prisma.session.deleteMany({ where: { id: session.id } }),
      // A timed-out session is remembered for a day so a form posted with it is not lost.
      ...(session.user.deactivatedAt
        ? []
        : [
            prisma.sessionLapse.upsert({
              where: { tokenHash },
              create: { tokenHash, userId: session.userId },
              update: {},
            }),
          ]),
    ]);
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    const touched = hotWrite((statement) =>
      statement("UPDATE Session SET lastSeenAt = ? WHERE id = ?").run(sqliteDateText(new Date(now)), session.id),
    );
    // Prisma is writing at this moment: touch it the ordinary way rather than wait inside a synchronous call.
    if (touched === BUSY) {
      await prisma.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
    }
  }
  return { id: session.id, userId: session.userId };
}

/** How long a timed-out session still says whose it was, for keeping what they were writing. */
export const LAPSE_REMEMBERED_MS = 24 * 60 * 60 * 1000;

/**
 * Whose session the request's cookie named, when that session timed out within the last day and
 * the person is still active. Never signs anyone in: it only lets a form be kept for its writer.
 */
export async function findLapsedSessionOwner(request: Request): Promise<string | null> {
  const token = await readToken(request);
  if (!token) return null;
  const lapse = await prisma.sessionLapse.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!lapse || Date.now() - lapse.lapsedAt.getTime() > LAPSE_REMEMBERED_MS) return null;
  const user = await prisma.user.findUnique({ where: { id: lapse.userId }, select: { deactivatedAt: true } });
  return user && !user.deactivatedAt ? lapse.userId : null;
}

/** Ends the request's session (if any) and returns the Set-Cookie header that clears it. */
export async function destroySession(request: Request): Promise<string> {
  const token = await readToken(request);
  if (token) await prisma.session.deleteMany({ where: { tokenHash: hashToken(token) } });
  return clearSessionCookie();
}

export function clearSessionCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

export async function destroyUserSessions(userId: string): Promise<number> {
  const [{ count }] = await prisma.$transaction([
    prisma.session.deleteMany({ where: { userId } }),
    // Nothing may be kept or saved for someone whose access has ended.
    prisma.sessionLapse.deleteMany({ where: { userId } }),
    prisma.heldSubmission.deleteMany({ where: { userId } }),
  ]);
  return count;
}
