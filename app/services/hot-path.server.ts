import path from "node:path";
import Database from "better-sqlite3";
import { getEnv } from "./env.server";

/**
 * Prepared SQLite statements for the few queries made on nearly every request: reading the
 * session, the person and a practice run, and saving a practice step. Prisma compiles each query
 * as it is made, which costs more than the query itself; these are compiled once.
 * See docs/decisions/004-hot-path.md.
 *
 * Two connections beside Prisma's: a query-only one for reads (in WAL mode it never blocks, nor is
 * blocked by, Prisma's connection), and one for the step write, which never waits for a lock: if
 * Prisma is writing at that moment it answers "busy" at once and the caller uses Prisma instead.
 * Waiting inside a synchronous call could stop the very thread Prisma needs to finish.
 */

type Connection = { file: string; db: Database.Database; statements: Map<string, Database.Statement> };
let connection: Connection | undefined;
let writer: Connection | undefined;

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

function openWriter(): Connection {
  const file = databaseFile(getEnv().DATABASE_URL);
  if (writer?.file === file) return writer;
  writer?.db.close();
  const db = new Database(file, { fileMustExist: true });
  db.pragma("busy_timeout = 0");
  writer = { file, db, statements: new Map() };
  return writer;
}

export const BUSY = Symbol("busy");

type Run = { run(...params: unknown[]): Database.RunResult };

/**
 * Runs `work` in one immediate transaction on the writing connection, with its statements
 * prepared once. Returns BUSY, having changed nothing, when another connection holds the lock.
 */
export function hotWrite<T>(work: (statement: (sql: string) => Run) => T): T | typeof BUSY {
  const current = openWriter();
  const statement = (sql: string): Run => {
    let prepared = current.statements.get(sql);
    if (!prepared) {
      prepared = current.db.prepare(sql);
      current.statements.set(sql, prepared);
    }
    return prepared;
  };
  try {
    return current.db.transaction(() => work(statement)).immediate();
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code === "SQLITE_BUSY") return BUSY;
    throw error;
  }
}

/** How Prisma writes a DateTime in SQLite, so text comparisons between rows stay consistent. */
export function sqliteDateText(date: Date): string {
  return date.toISOString().replace(/Z$/, "+00:00");
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
