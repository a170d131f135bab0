import { parse } from "yaml";
import type { DraftStatus } from "~/domain/scenario/review";
import { prisma } from "~/services/db.server";

// Every query names the organisation in its `where`: another organisation's draft is never found.

const UNTITLED = "Untitled draft";
const NO_SLUG = "untitled";

/**
 * The scenario id and title a draft is listed under, read leniently from its YAML: a draft
 * may not parse yet, and is still kept (under a placeholder name) so nothing typed is lost.
 */
export function draftIdentity(source: string): { slug: string; title: string } {
  let document: unknown;
  try {
    document = parse(source, { maxAliasCount: 0 });
  } catch {
    return { slug: NO_SLUG, title: UNTITLED };
  }
  const fields = typeof document === "object" && document !== null ? (document as Record<string, unknown>) : {};
  const text = (value: unknown, fallback: string) =>
    typeof value === "string" && value.trim() ? value.trim().slice(0, 200) : fallback;
  return { slug: text(fields.id, NO_SLUG).slice(0, 80), title: text(fields.title, UNTITLED) };
}

export async function listDrafts(organisationId: string) {
  const drafts = await prisma.scenarioDraft.findMany({
    where: { organisationId },
    orderBy: { updatedAt: "desc" },
    select: { id: true, slug: true, title: true, version: true, updatedAt: true, status: true, scenarioId: true },
  });
  return drafts.map((draft) => ({ ...draft, status: draft.status as DraftStatus }));
}

/** A draft of this organisation, as stored; another organisation's is not found. */
export async function findDraft(organisationId: string, id: string) {
  const draft = await prisma.scenarioDraft.findFirst({
    where: { id, organisationId },
    select: {
      id: true,
      slug: true,
      title: true,
      source: true,
      version: true,
      status: true,
      reviewRound: true,
      submittedAt: true,
      scenarioId: true,
      updatedAt: true,
      updatedById: true,
    },
  });
  return draft ? { ...draft, status: draft.status as DraftStatus } : null;
}

/** The draft with the name of who saved it last, for its pages. */
export async function getDraft(organisationId: string, id: string) {
  const draft = await findDraft(organisationId, id);
  if (!draft) return null;
  return { ...draft, updatedBy: await personName(organisationId, draft.updatedById) };
}

async function personName(organisationId: string, userId: string): Promise<string> {
  const person = await prisma.user.findFirst({
    where: { id: userId, organisationId },
    select: { name: true },
  });
  return person?.name ?? "Someone who has left";
}

export async function createDraft(input: { organisationId: string; userId: string; source: string }): Promise<string> {
  const draft = await prisma.scenarioDraft.create({
    data: {
      organisationId: input.organisationId,
      ...draftIdentity(input.source),
      source: input.source,
      createdById: input.userId,
      updatedById: input.userId,
    },
    select: { id: true },
  });
  return draft.id;
}

export type SaveDraftResult =
  | { status: "saved"; version: number }
  | { status: "conflict"; current: { source: string; version: number; updatedAt: Date; updatedBy: string } }
  | { status: "not-found" };

/**
 * Saves only if nobody has saved since `expectedVersion` was read: one conditional update, so two
 * saves of the same version cannot both succeed. A refused save changes nothing and returns what
 * the other trainer saved, so both versions can be shown.
 */
export async function saveDraft(input: {
  id: string;
  organisationId: string;
  userId: string;
  expectedVersion: number;
  source: string;
}): Promise<SaveDraftResult> {
  const { count } = await prisma.scenarioDraft.updateMany({
    where: { id: input.id, organisationId: input.organisationId, version: input.expectedVersion },
    data: {
      ...draftIdentity(input.source),
      source: input.source,
      updatedById: input.userId,
      version: { increment: 1 },
    },
  });
  if (count === 1) {
    // A change to a published draft starts the next version: a draft again, to be reviewed before publishing.
    await prisma.scenarioDraft.updateMany({
      where: { id: input.id, organisationId: input.organisationId, status: "published" },
      data: { status: "draft" },
    });
    return { status: "saved", version: input.expectedVersion + 1 };
  }
  const current = await getDraft(input.organisationId, input.id);
  if (!current) return { status: "not-found" };
  return {
    status: "conflict",
    current: {
      source: current.source,
      version: current.version,
      updatedAt: current.updatedAt,
      updatedBy: current.updatedBy,
    },
  };
}

/** A library scenario's newest stored file text, for exporting it in the canonical layout with its header. */
export async function libraryVersionSource(slug: string): Promise<string | null> {
  const version = await prisma.scenarioVersion.findFirst({
    where: { scenario: { origin: "library", organisationId: null, slug } },
    orderBy: { number: "desc" },
    select: { source: true },
  });
  return version?.source ?? null;
}

/** The scenario ids of the organisation's drafts, to give a copy an id no draft uses yet. */
export async function draftSlugs(organisationId: string): Promise<Set<string>> {
  const drafts = await prisma.scenarioDraft.findMany({ where: { organisationId }, select: { slug: true } });
  return new Set(drafts.map((draft) => draft.slug));
}
