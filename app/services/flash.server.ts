import { createCookieSessionStorage } from "@remix-run/node";
import { getEnv } from "./env.server";

export type Flash = { kind: "success" | "info"; message: string };

function storage() {
  const env = getEnv();
  return createCookieSessionStorage<Record<string, never>, { flash: Flash }>({
    cookie: {
      name: env.isProduction ? "__Host-heartwork_flash" : "heartwork_flash",
      httpOnly: true,
      sameSite: "lax",
      secure: env.isProduction,
      path: "/",
      secrets: [env.SESSION_SECRET],
    },
  });
}

/** A Set-Cookie header carrying a message to show after the next redirect. */
export async function flashCookie(flash: Flash): Promise<string> {
  const session = await storage().getSession();
  session.flash("flash", flash);
  return storage().commitSession(session);
}

/** The waiting message, if any, and the header that clears it. */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const session = await storage().getSession(request.headers.get("Cookie"));
  const flash = session.get("flash") ?? null;
  return { flash, setCookie: flash ? await storage().commitSession(session) : null };
}
