/**
 * Co-production review of a studio draft, as rules over its thread. A trainer submits a draft
 * (a new round); reviewers (the parent-carer representatives) and other trainers comment, approve
 * or ask for changes; the trainer revises and resubmits. Publishing needs the organisation's number
 * of reviewer approvals of the version being published, in the current round, and nobody's
 * request for changes left standing.
 */

export const REVIEW_KINDS = ["submitted", "comment", "approved", "changes-requested", "published"] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export const DRAFT_STATUSES = ["draft", "in-review", "published"] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

export const DRAFT_STATUS_LABELS: Record<DraftStatus, string> = {
  draft: "Draft",
  "in-review": "In review",
  published: "Published",
};

export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = {
  submitted: "Sent for review",
  comment: "Comment",
  approved: "Approved",
  "changes-requested": "Asked for changes",
  published: "Published",
};

export const MIN_REQUIRED_APPROVALS = 1;
export const MAX_REQUIRED_APPROVALS = 10;

export type ReviewEntry = {
  kind: ReviewKind;
  authorId: string;
  /** Whether the author holds the reviewer role (a parent-carer representative) now. */
  authorIsReviewer: boolean;
  round: number;
  draftVersion: number;
};

export type ReviewDraft = { status: DraftStatus; reviewRound: number; version: number };

export type ReviewStanding = {
  /** People whose latest decision this round approves the current version and who count towards publishing. */
  approvedBy: string[];
  /** Reviewers whose approval this round was of an earlier version: they need to look again. */
  approvedEarlierVersion: string[];
  /** People whose latest decision this round asks for changes. */
  changesRequestedBy: string[];
  /** Who sent the current round for review (they reply rather than decide). */
  submittedBy: string | null;
  /** Whether the draft has been saved since it was sent for review. */
  changedSinceSubmitted: boolean;
};

/** Where the current round stands: each person's latest decision counts, in the order written. */
export function reviewStanding(draft: ReviewDraft, thread: readonly ReviewEntry[]): ReviewStanding {
  const round = thread.filter((entry) => entry.round === draft.reviewRound && draft.reviewRound > 0);
  const submission = round.findLast((entry) => entry.kind === "submitted") ?? null;
  const latest = new Map<string, ReviewEntry>();
  for (const entry of round) {
    if (entry.kind === "approved" || entry.kind === "changes-requested") latest.set(entry.authorId, entry);
  }
  const approvedBy: string[] = [];
  const approvedEarlierVersion: string[] = [];
  const changesRequestedBy: string[] = [];
  for (const [authorId, entry] of latest) {
    if (entry.kind === "changes-requested") changesRequestedBy.push(authorId);
    else if (!entry.authorIsReviewer) continue;
    else if (entry.draftVersion === draft.version) approvedBy.push(authorId);
    else approvedEarlierVersion.push(authorId);
  }
  return {
    approvedBy,
    approvedEarlierVersion,
    changesRequestedBy,
    submittedBy: submission?.authorId ?? null,
    changedSinceSubmitted: submission !== null && submission.draftVersion !== draft.version,
  };
}

export type PublishBlocker =
  | { code: "not-in-review"; message: string }
  | { code: "approvals"; message: string }
  | { code: "changes-requested"; message: string }
  | { code: "checker"; message: string };

/** Why the draft cannot be published yet, in plain words; empty when it can. */
export function publishBlockers(input: {
  draft: ReviewDraft;
  standing: ReviewStanding;
  requiredApprovals: number;
  checkerErrors: number;
}): PublishBlocker[] {
  const { draft, standing, requiredApprovals, checkerErrors } = input;
  const blockers: PublishBlocker[] = [];
  if (checkerErrors > 0) {
    blockers.push({
      code: "checker",
      message: `The checker found ${checkerErrors === 1 ? "an error" : `${checkerErrors} errors`} to fix first.`,
    });
  }
  if (draft.status !== "in-review") {
    blockers.push({
      code: "not-in-review",
      message:
        draft.status === "published"
          ? "This version is already published. Save a change and send it for review to publish another."
          : "Send the draft for review first.",
    });
    return blockers;
  }
  if (standing.changesRequestedBy.length > 0) {
    blockers.push({
      code: "changes-requested",
      message:
        "Changes were asked for in this round. Make them, then send the draft for review again so they can look at it.",
    });
  }
  const approvals = standing.approvedBy.length;
  if (approvals < requiredApprovals) {
    blockers.push({
      code: "approvals",
      message: `Publishing needs ${countOf(requiredApprovals, "reviewer approval")} of this version; it has ${approvals}.`,
    });
  }
  return blockers;
}

export type DecisionRefusal = { code: "not-in-review" | "own-submission"; message: string } | null;

/** Whether this person may approve or ask for changes now (anyone may comment at any time). */
export function decisionRefusal(draft: ReviewDraft, standing: ReviewStanding, userId: string): DecisionRefusal {
  if (draft.status !== "in-review") {
    return {
      code: "not-in-review",
      message: "The draft is not in review at the moment, so you can comment but not decide.",
    };
  }
  if (standing.submittedBy === userId) {
    return {
      code: "own-submission",
      message: "You sent this draft for review, so the decision is for others. You can reply with a comment.",
    };
  }
  return null;
}

export function countOf(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}
