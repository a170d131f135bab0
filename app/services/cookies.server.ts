import { createCookie } from "@remix-run/node";
import type { Env } from "./env.server";

/**
 * A signed, HttpOnly, SameSite=Lax cookie for the whole site. In production the __Host- prefix
 * makes the browser insist on Secure, Path=/ and no Domain.
 */
export function appCookie(env: Env, name: string, maxAgeSeconds: number) {
  return createCookie(env.isProduction ? `__Host-heartwork_${name}` : `heartwork_${name}`, {
    httpOnly: true,
    sameSite: "lax",
    secure: env.isProduction,
    path: "/",
    secrets: [env.SESSION_SECRET],
    maxAge: maxAgeSeconds,
  });
}
