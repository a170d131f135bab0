import { randomUUID } from "node:crypto";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { ServerBuild } from "@remix-run/node";
import { inject } from "vitest";
import { PrismaClient } from "~/generated/prisma/client";
import { createApp } from "../../../server/app";

export type TestServer = {
  baseUrl: string;
  db: PrismaClient;
  databaseFile: string;
  close: () => Promise<void>;
};

/**
 * The built app on a random local port, over its own copy of the seeded
 * template database. Real HTTP, real SQLite: nothing of the app is mocked.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const template = inject("templateDatabase");
  const databaseFile = template.replace(/\.db$/, `-${randomUUID()}.db`);
  fs.copyFileSync(template, databaseFile);
  Object.assign(process.env, {
    NODE_ENV: "test",
    DATABASE_URL: `file:${databaseFile}`,
    SESSION_SECRET: "integration-tests-secret-of-at-least-32-characters",
    TRUST_PROXY: "true",
    ...env,
  });
  // A fresh instance of the build (and so of its environment and database client) per server.
  globalThis.__heartworkPrisma = undefined;
  const buildUrl = `${pathToFileURL(path.resolve("build", "server", "index.js")).href}?server=${randomUUID()}`;
  const build = (await import(/* @vite-ignore */ buildUrl)) as ServerBuild;
  const app = createApp({
    build,
    isProduction: process.env.NODE_ENV === "production",
    trustProxy: true,
    clientDir: path.resolve("build", "client"),
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${databaseFile}` }) });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    databaseFile,
    close: async () => {
      await db.$disconnect();
      await globalThis.__heartworkPrisma?.$disconnect();
      globalThis.__heartworkPrisma = undefined;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

type Body = Record<string, string | string[]>;

function formBody(fields: Body): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of [value].flat()) body.append(name, item);
  }
  return body;
}

/** A browser-like client: keeps cookies, never follows redirects, comes from one address. */
export class Client {
  private cookies = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    readonly address = "203.0.113.10",
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  setCookieHeader(header: string): void {
    this.cookies.clear();
    for (const pair of header.split(/;\s*/).filter(Boolean)) {
      const [name, ...rest] = pair.split("=");
      if (name) this.cookies.set(name, rest.join("="));
    }
  }

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader);
    headers.set("X-Forwarded-For", this.address);
    const response = await fetch(new URL(pathname, this.baseUrl), { ...init, headers, redirect: "manual" });
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(/;\s*/);
      const [name, ...rest] = (pair ?? "").split("=");
      if (!name) continue;
      const value = rest.join("=");
      const expired = attributes.some((a) => /^max-age=0$/i.test(a)) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  get(pathname: string): Promise<Response> {
    return this.request(pathname);
  }

  post(pathname: string, fields: Body = {}, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(pathname, {
      method: "POST",
      body: formBody(fields),
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    });
  }

  async signIn(email: string, password = DEMO_PASSWORD): Promise<Response> {
    const response = await this.post("/login", { email, password });
    if (response.status !== 302) throw new Error(`Sign-in as ${email} answered ${response.status}`);
    return response;
  }
}

export const DEMO_PASSWORD = "practise-with-heart";

export async function signedIn(server: TestServer, email: string, address?: string): Promise<Client> {
  const client = new Client(server.baseUrl, address);
  await client.signIn(email);
  return client;
}

export async function userId(server: TestServer, email: string): Promise<string> {
  const user = await server.db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return user.id;
}
