import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import type { ViteDevServer } from "vite";
import { requestGuards, securityHeaders } from "./security";

export type AppOptions = {
  /** The built app, or (while developing) a function that loads it through Vite. */
  build: ServerBuild | (() => Promise<ServerBuild>);
  isProduction: boolean;
  trustProxy: boolean;
  /** Where the browser assets are; omitted when Vite serves them. */
  clientDir?: string;
  vite?: ViteDevServer;
};

/**
 * The HTTP server around Remix. It exists for what remix-serve cannot do:
 * security headers on every response (static files and resource routes too),
 * and the client's address for rate limiting. See docs/decisions/001-foundation.md.
 */
export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy);
  app.use(securityHeaders({ isProduction: options.isProduction, isViteDev: Boolean(options.vite) }));
  app.use(compression());

  if (options.vite) {
    app.use(options.vite.middlewares);
  } else if (options.clientDir) {
    // Fingerprinted files never change; the rest may.
    app.use("/assets", express.static(path.join(options.clientDir, "assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(options.clientDir, { maxAge: "1h" }));
  }

  app.use(requestGuards());
  app.use((_req, res, next) => {
    // Pages may show personal data: never keep them in a shared or browser cache.
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  app.all(
    "*",
    createRequestHandler({
      build: options.build,
      // Served builds always run in production mode, so errors reach the browser sanitised.
      mode: options.vite ? "development" : "production",
      getLoadContext: (req, res) => ({
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
        cspNonce: String(res.locals.cspNonce),
      }),
    }),
  );

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error(error);
    if (!res.headersSent) {
      res.status(500).type("text/plain").send("Something went wrong on our side. Please try again in a moment.");
    }
  });
  return app;
}
