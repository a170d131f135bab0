import path from "node:path";
import Database from "better-sqlite3";
import { getEnv } from "./env.server";

/**
 * Prepared SQLite statements for the few reads made on nearly every request (the session, the
 * person, a practice run). Prisma compiles each query as it is made, which costs more than the
 * query itself; these reads are compiled once. Writes always go through Prisma: this connection
 * is query-only, and in WAL mode it never blocks, nor is blocked by, Prisma's connection.
 * See docs/decisions/004-hot-reads.md.
 */

type Connection = { file: string; db: Database.Database; statements: Map<string, Database.Statement> };
let connection: Connection | undefined;

/** The file a `file:` URL names, as Prisma's adapter resolves it (relative to the working directory). */
export function databaseFile(url: string): string {
  const withoutScheme = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return path.resolve(withoutScheme);
}

function open(): Connection {
  const file = databaseFile(getEnv().DATABASE_URL);
  if (connection?.file === file) return connection;
  connection?.db.close();
  const db = new Database(file, { fileMustExist: true });
  db.pragma("query_only = ON");
  connection = { file, db, statements: new Map() };
  return connection;
}

/** A prepared statement for `sql`, compiled on first use. */
export function hotRead<Row>(sql: string): { get(...params: unknown[]): Row | undefined } {
  const current = open();
  let statement = current.statements.get(sql);
  if (!statement) {
    statement = current.db.prepare(sql);
    current.statements.set(sql, statement);
  }
  return statement as unknown as { get(...params: unknown[]): Row | undefined };
}

/** SQLite keeps Prisma's DateTime as ISO text; a default from SQL itself has no "T" and no zone. */
export function sqliteDate(value: string): Date;
export function sqliteDate(value: string | null): Date | null;
export function sqliteDate(value: string | null): Date | null {
  if (value === null) return null;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(" ", "T")}Z`);
}
