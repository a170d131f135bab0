import { checkScenarioSource, scenarioContentHash, type CheckResult } from "~/domain/scenario";
import {
  decisionRefusal,
  publishBlockers,
  reviewStanding,
  type PublishBlocker,
  type ReviewEntry,
  type ReviewKind,
} from "~/domain/scenario/review";
import { getRequiredApprovals } from "~/models/organisation.server";
import { findDraft } from "~/models/scenario-draft.server";
import { prisma } from "~/services/db.server";
import { loadCheckContext } from "~/services/scenario-library.server";

// Co-production review and publishing of studio drafts. Every query names the organisation:
// another organisation's draft, thread or scenario is never found.

type ThreadRow = {
  id: string;
  kind: ReviewKind;
  nodeId: string | null;
  body: string;
  round: number;
  draftVersion: number;
  createdAt: Date;
  authorId: string;
  author: string;
  authorIsReviewer: boolean;
};

async function draftRow(organisationId: string, draftId: string) {
  return draftId.length > 40 ? null : findDraft(organisationId, draftId);
}

async function thread(organisationId: string, draftId: string): Promise<ThreadRow[]> {
  const rows = await prisma.reviewComment.findMany({
    where: { draftId, organisationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      nodeId: true,
      body: true,
      round: true,
      draftVersion: true,
      createdAt: true,
      authorId: true,
    },
  });
  const people = await prisma.user.findMany({
    where: { organisationId, id: { in: [...new Set(rows.map((row) => row.authorId))] } },
    select: { id: true, name: true, roles: { select: { role: true } } },
  });
  const byId = new Map(people.map((person) => [person.id, person]));
  return rows.map((row) => {
    const person = byId.get(row.authorId);
    return {
      ...row,
      kind: row.kind as ReviewKind,
      author: person?.name ?? "Someone who has left",
      authorIsReviewer: person?.roles.some((entry) => entry.role === "reviewer") ?? false,
    };
  });
}

async function checked(draft: { source: string; slug: string }): Promise<CheckResult | null> {
  const { context } = await loadCheckContext();
  return context ? checkScenarioSource(draft.source, `${draft.slug}.yaml`, context) : null;
}

function errorCount(check: CheckResult | null): number {
  if (!check) return 1;
  return check.problems.filter((problem) => problem.severity === "error").length;
}

/**
 * A draft's review as `viewerId` sees it: its thread, where the round stands, what stands between it
 * and publishing, and whether the viewer may decide now.
 */
export async function getReview(organisationId: string, draftId: string, viewerId: string) {
  const draft = await draftRow(organisationId, draftId);
  if (!draft) return null;
  const [entries, check, requiredApprovals, scenario] = await Promise.all([
    thread(organisationId, draft.id),
    checked(draft),
    getRequiredApprovals(organisationId),
    draft.scenarioId
      ? prisma.scenario.findFirst({
          where: { id: draft.scenarioId, organisationId },
          select: {
            id: true,
            slug: true,
            archivedAt: true,
            versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } },
          },
        })
      : null,
  ]);
  const standing = reviewStanding(draft, entries);
  const names = new Map(entries.map((entry) => [entry.authorId, entry.author]));
  const nameOf = (id: string) => names.get(id) ?? "Someone who has left";
  const errors = errorCount(check);
  return {
    draft: {
      id: draft.id,
      slug: draft.slug,
      title: draft.title,
      version: draft.version,
      status: draft.status,
      reviewRound: draft.reviewRound,
      submittedAt: draft.submittedAt,
    },
    // Comments on a node need the checker to read the nodes; otherwise they are on the whole scenario.
    nodes: check?.scenario?.nodes.map((node) => node.id) ?? [],
    checkerErrors: errors,
    requiredApprovals,
    standing: {
      approvedBy: standing.approvedBy.map(nameOf),
      approvedEarlierVersion: standing.approvedEarlierVersion.map(nameOf),
      changesRequestedBy: standing.changesRequestedBy.map(nameOf),
      submittedById: standing.submittedBy,
      changedSinceSubmitted: standing.changedSinceSubmitted,
    },
    blockers: publishBlockers({
      draft,
      standing,
      requiredApprovals,
      checkerErrors: errors,
    }),
    thread: entries,
    decisionRefusal: decisionRefusal(draft, standing, viewerId)?.message ?? null,
    scenario: scenario
      ? { id: scenario.id, archived: scenario.archivedAt !== null, latestVersion: scenario.versions[0]?.number ?? 0 }
      : null,
  };
}

/** How many entries of a draft's review thread are about each node, for the draft's list view. */
export async function reviewCommentsByNode(organisationId: string, draftId: string): Promise<Record<string, number>> {
  const rows = await prisma.reviewComment.groupBy({
    by: ["nodeId"],
    where: { draftId, organisationId, nodeId: { not: null } },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((row) => [row.nodeId!, row._count._all]));
}

export type ReviewActionResult =
  | { status: "done"; message: string }
  | { status: "stale"; message: string }
  | { status: "refused"; field?: string; message: string }
  | { status: "not-found" };

const STALE = {
  status: "stale" as const,
  message: "Someone saved the draft after you opened this page. Look at the latest version, then try again.",
};

/** Sends the draft for review: a new round, so earlier approvals and requests no longer count. */
export async function submitForReview(input: {
  organisationId: string;
  draftId: string;
  userId: string;
  draftVersion: number;
  note: string;
}): Promise<ReviewActionResult> {
  const draft = await draftRow(input.organisationId, input.draftId);
  if (!draft) return { status: "not-found" };
  if (draft.version !== input.draftVersion) return STALE;
  const errors = errorCount(await checked(draft));
  if (errors > 0) {
    return {
      status: "refused",
      message: "The checker found errors in this draft. Fix them first, so reviewers read what people would play.",
    };
  }
  const round = draft.reviewRound + 1;
  const { count } = await prisma.scenarioDraft.updateMany({
    where: {
      id: draft.id,
      organisationId: input.organisationId,
      version: input.draftVersion,
      reviewRound: draft.reviewRound,
    },
    data: { status: "in-review", reviewRound: round, submittedAt: new Date() },
  });
  if (count !== 1) return STALE;
  await prisma.reviewComment.create({
    data: {
      draftId: draft.id,
      organisationId: input.organisationId,
      authorId: input.userId,
      kind: "submitted",
      body: input.note,
      round,
      draftVersion: draft.version,
    },
    select: { id: true },
  });
  return {
    status: "done",
    message: round === 1 ? "The draft is sent for review." : "The draft is sent for review again.",
  };
}

/** A comment on the whole scenario or one node; with a decision, an approval or a request for changes. */
export async function addReviewComment(input: {
  organisationId: string;
  draftId: string;
  userId: string;
  draftVersion: number;
  decision: "comment" | "approved" | "changes-requested";
  nodeId: string | null;
  body: string;
}): Promise<ReviewActionResult> {
  const draft = await draftRow(input.organisationId, input.draftId);
  if (!draft) return { status: "not-found" };
  if (input.nodeId !== null) {
    const check = await checked(draft);
    const nodes = check?.scenario?.nodes.map((node) => node.id) ?? [];
    if (!nodes.includes(input.nodeId)) {
      return {
        status: "refused",
        field: "nodeId",
        message: "That part of the scenario is no longer in the draft. Choose another.",
      };
    }
  }
  if (input.decision !== "comment") {
    if (draft.version !== input.draftVersion) return STALE;
    const standing = reviewStanding(draft, await thread(input.organisationId, draft.id));
    const refusal = decisionRefusal(draft, standing, input.userId);
    if (refusal) return { status: "refused", field: "decision", message: refusal.message };
  }
  await prisma.reviewComment.create({
    data: {
      draftId: draft.id,
      organisationId: input.organisationId,
      authorId: input.userId,
      kind: input.decision,
      nodeId: input.nodeId,
      body: input.body,
      round: draft.reviewRound,
      draftVersion: draft.version,
    },
    select: { id: true },
  });
  const messages = {
    comment: "Your comment is added.",
    approved: "Your approval is recorded.",
    "changes-requested": "Your request for changes is recorded.",
  } as const;
  return { status: "done", message: messages[input.decision] };
}

export type PublishResult =
  | { status: "published"; scenarioId: string; number: number }
  | { status: "stale"; message: string }
  | { status: "refused"; blockers: Pick<PublishBlocker, "message">[] }
  | { status: "not-found" };

/**
 * Publishes the draft as a new immutable version of the organisation's scenario (made the first
 * time). Runs already played keep the version they were played on.
 */
export async function publishDraft(input: {
  organisationId: string;
  draftId: string;
  userId: string;
  draftVersion: number;
}): Promise<PublishResult> {
  const draft = await draftRow(input.organisationId, input.draftId);
  if (!draft) return { status: "not-found" };
  if (draft.version !== input.draftVersion) return STALE;
  const check = await checked(draft);
  const standing = reviewStanding(draft, await thread(input.organisationId, draft.id));
  const blockers = publishBlockers({
    draft,
    standing,
    requiredApprovals: await getRequiredApprovals(input.organisationId),
    checkerErrors: errorCount(check),
  });
  if (blockers.length > 0 || !check?.scenario) return { status: "refused", blockers };
  const content = check.scenario;
  const clash = await slugClash(input.organisationId, content.id, draft.scenarioId);
  if (clash) return { status: "refused", blockers: [{ message: clash }] };
  const contentHash = await scenarioContentHash(draft.source);

  return prisma
    .$transaction(async (tx): Promise<PublishResult> => {
      // The draft must still be the version that was approved: one conditional update claims it.
      const { count } = await tx.scenarioDraft.updateMany({
        where: { id: draft.id, organisationId: input.organisationId, version: draft.version, status: "in-review" },
        data: { status: "published" },
      });
      if (count !== 1) return STALE;
      const scenario = draft.scenarioId
        ? await tx.scenario.update({
            where: { id: draft.scenarioId },
            data: { title: content.title },
            select: {
              id: true,
              versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, content: true } },
            },
          })
        : await tx.scenario.create({
            data: {
              origin: "organisation",
              organisationId: input.organisationId,
              slug: content.id,
              title: content.title,
            },
            select: { id: true, versions: { select: { number: true, content: true } } },
          });
      const latest = scenario.versions[0];
      // The same scenario in a differently laid-out file is not a new version.
      if (latest?.content === JSON.stringify(content)) {
        throw new NothingChanged(latest.number);
      }
      const number = (latest?.number ?? 0) + 1;
      await tx.scenarioVersion.create({
        data: {
          scenarioId: scenario.id,
          number,
          // Unique per version: going back to an earlier version's text is a new version of its own.
          contentHash: `${contentHash}@${number}`,
          source: draft.source,
          content: JSON.stringify(content),
          fileName: `${content.id}.yaml`,
          publishedById: input.userId,
        },
        select: { id: true },
      });
      await tx.scenarioDraft.update({
        where: { id: draft.id },
        data: { scenarioId: scenario.id },
        select: { id: true },
      });
      await tx.reviewComment.create({
        data: {
          draftId: draft.id,
          organisationId: input.organisationId,
          authorId: input.userId,
          kind: "published",
          body: `Version ${number}`,
          round: draft.reviewRound,
          draftVersion: draft.version,
        },
        select: { id: true },
      });
      return { status: "published", scenarioId: scenario.id, number };
    })
    .catch((error: unknown) => {
      if (error instanceof NothingChanged) {
        return {
          status: "refused",
          blockers: [{ message: `Nothing has changed since version ${error.number}, which is already published.` }],
        } satisfies PublishResult;
      }
      throw error;
    });
}

class NothingChanged extends Error {
  constructor(readonly number: number) {
    super(`unchanged since version ${number}`);
  }
}

/**
 * A published scenario is found by its id in practice links, so it may not share one with the
 * library or with another of the organisation's scenarios, and keeps the id it was first published under.
 */
async function slugClash(organisationId: string, slug: string, scenarioId: string | null): Promise<string | null> {
  if (scenarioId) {
    const own = await prisma.scenario.findFirst({ where: { id: scenarioId, organisationId }, select: { slug: true } });
    if (own && own.slug !== slug) {
      return `This scenario was first published with the id “${own.slug}”. Published ids cannot change, because practice links use them: change the id back to publish.`;
    }
    if (own) return null;
  }
  const other = await prisma.scenario.findFirst({
    where: { slug, OR: [{ origin: "library", organisationId: null }, { organisationId }] },
    select: { origin: true },
  });
  if (!other) return null;
  return other.origin === "library"
    ? `The library already has a scenario with the id “${slug}”. Give this one its own id in its details.`
    : `Your organisation already has a published scenario with the id “${slug}”. Give this one its own id in its details.`;
}

export type { ReviewEntry };
