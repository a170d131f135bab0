import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

export type SecurityOptions = { isProduction: boolean; isViteDev: boolean };

/** The Content-Security-Policy for one response, allowing scripts that carry `nonce`. */
export function contentSecurityPolicy(nonce: string, options: SecurityOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"],
    // Vite injects styles with <style> elements while developing.
    "style-src": options.isViteDev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": options.isViteDev ? ["'self'", "ws:", "wss:"] : ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
  };
  if (options.isProduction) directives["upgrade-insecure-requests"] = [];
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(" "))
    .join("; ");
}

/** Security headers on every response; a fresh nonce per request in res.locals. */
export function securityHeaders(options: SecurityOptions) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, options));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), geolocation=(), payment=(), usb=(), microphone=(self)");
    if (options.isProduction) {
      res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    }
    next();
  };
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Refuses a cross-site form post (belt and braces beside SameSite=Lax cookies)
 * and a body too large for any form in Heartwork.
 */
export function requestGuards() {
  return (req: Request, res: Response, next: NextFunction) => {
    const length = Number(req.headers["content-length"] ?? 0);
    if (Number.isFinite(length) && length > MAX_BODY_BYTES) {
      res.status(413).type("text/plain").send("That was too large to send. Forms in Heartwork take up to 2 MB.");
      return;
    }
    const unsafe = !["GET", "HEAD", "OPTIONS"].includes(req.method);
    const origin = req.headers.origin;
    if (unsafe && origin && origin !== "null") {
      let originHost: string | null = null;
      try {
        originHost = new URL(origin).host;
      } catch {
        originHost = null;
      }
      if (originHost !== req.headers.host) {
        res.status(403).type("text/plain").send("This form was sent from another site, so it was refused.");
        return;
      }
    }
    next();
  };
}
