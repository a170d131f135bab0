import { describe, expect, it } from "vitest";
import {
  decisionRefusal,
  publishBlockers,
  reviewStanding,
  type ReviewDraft,
  type ReviewEntry,
} from "~/domain/scenario/review";

const TRAINER = "trainer";
const CAROL = "carol";
const DEV = "dev";

function entry(kind: ReviewEntry["kind"], authorId: string, round: number, draftVersion: number): ReviewEntry {
  return { kind, authorId, authorIsReviewer: authorId === CAROL || authorId === DEV, round, draftVersion };
}

const inReview = (version: number, reviewRound = 1): ReviewDraft => ({ status: "in-review", reviewRound, version });

function blockersFor(draft: ReviewDraft, thread: ReviewEntry[], requiredApprovals = 1, checkerErrors = 0) {
  const standing = reviewStanding(draft, thread);
  return publishBlockers({ draft, standing, requiredApprovals, checkerErrors }).map((blocker) => blocker.code);
}

describe("where a review round stands", () => {
  it("counts a reviewer's approval of the current version", () => {
    const thread = [entry("submitted", TRAINER, 1, 3), entry("approved", CAROL, 1, 3)];
    expect(reviewStanding(inReview(3), thread)).toEqual({
      approvedBy: [CAROL],
      approvedEarlierVersion: [],
      changesRequestedBy: [],
      submittedBy: TRAINER,
      changedSinceSubmitted: false,
    });
    expect(blockersFor(inReview(3), thread)).toEqual([]);
  });

  it("does not count an approval of an earlier version of the draft", () => {
    const thread = [entry("submitted", TRAINER, 1, 3), entry("approved", CAROL, 1, 3)];
    const standing = reviewStanding(inReview(4), thread);
    expect(standing.approvedBy).toEqual([]);
    expect(standing.approvedEarlierVersion).toEqual([CAROL]);
    expect(standing.changedSinceSubmitted).toBe(true);
    expect(blockersFor(inReview(4), thread)).toEqual(["approvals"]);
  });

  it("does not count approvals or requests from an earlier round", () => {
    const thread = [
      entry("submitted", TRAINER, 1, 2),
      entry("changes-requested", CAROL, 1, 2),
      entry("submitted", TRAINER, 2, 3),
    ];
    const standing = reviewStanding(inReview(3, 2), thread);
    expect(standing.changesRequestedBy).toEqual([]);
    expect(standing.approvedBy).toEqual([]);
    expect(blockersFor(inReview(3, 2), thread)).toEqual(["approvals"]);
  });

  it("lets a person's latest decision stand: changes asked, then approved", () => {
    const thread = [
      entry("submitted", TRAINER, 1, 1),
      entry("changes-requested", CAROL, 1, 1),
      entry("comment", CAROL, 1, 1),
      entry("approved", CAROL, 1, 1),
    ];
    expect(reviewStanding(inReview(1), thread).approvedBy).toEqual([CAROL]);
    expect(reviewStanding(inReview(1), thread).changesRequestedBy).toEqual([]);
  });

  it("blocks publishing while anyone's request for changes stands, even with enough approvals", () => {
    const thread = [
      entry("submitted", TRAINER, 1, 1),
      entry("approved", CAROL, 1, 1),
      entry("changes-requested", "other-trainer", 1, 1),
    ];
    expect(blockersFor(inReview(1), thread)).toEqual(["changes-requested"]);
  });

  it("counts only reviewers' approvals towards the number needed", () => {
    const thread = [entry("submitted", TRAINER, 1, 1), entry("approved", "other-trainer", 1, 1)];
    expect(reviewStanding(inReview(1), thread).approvedBy).toEqual([]);
    expect(blockersFor(inReview(1), thread)).toEqual(["approvals"]);
  });

  it("needs the organisation's number of approvals: 2 needs two reviewers", () => {
    const one = [entry("submitted", TRAINER, 1, 1), entry("approved", CAROL, 1, 1)];
    expect(blockersFor(inReview(1), one, 2)).toEqual(["approvals"]);
    expect(blockersFor(inReview(1), [...one, entry("approved", CAROL, 1, 1)], 2)).toEqual(["approvals"]);
    expect(blockersFor(inReview(1), [...one, entry("approved", DEV, 1, 1)], 2)).toEqual([]);
  });

  it("refuses to publish a draft that is not in review, or that the checker finds errors in", () => {
    expect(blockersFor({ status: "draft", reviewRound: 0, version: 1 }, [])).toEqual(["not-in-review"]);
    expect(blockersFor({ status: "published", reviewRound: 1, version: 1 }, [])).toEqual(["not-in-review"]);
    const approved = [entry("submitted", TRAINER, 1, 1), entry("approved", CAROL, 1, 1)];
    expect(blockersFor(inReview(1), approved, 1, 2)).toEqual(["checker"]);
  });

  it("says how many approvals are needed and how many there are", () => {
    const draft = inReview(1);
    const standing = reviewStanding(draft, [entry("submitted", TRAINER, 1, 1), entry("approved", CAROL, 1, 1)]);
    const [blocker] = publishBlockers({ draft, standing, requiredApprovals: 3, checkerErrors: 0 });
    expect(blocker?.message).toBe("Publishing needs 3 reviewer approvals of this version; it has 1.");
  });
});

describe("who may decide", () => {
  const thread = [entry("submitted", TRAINER, 1, 1)];
  it("lets reviewers and other trainers decide while the draft is in review", () => {
    const standing = reviewStanding(inReview(1), thread);
    expect(decisionRefusal(inReview(1), standing, CAROL)).toBeNull();
    expect(decisionRefusal(inReview(1), standing, "other-trainer")).toBeNull();
  });
  it("leaves the decision to others for the person who sent it", () => {
    const standing = reviewStanding(inReview(1), thread);
    expect(decisionRefusal(inReview(1), standing, TRAINER)?.code).toBe("own-submission");
  });
  it("allows no decision on a draft that is not in review", () => {
    const draft: ReviewDraft = { status: "draft", reviewRound: 0, version: 1 };
    expect(decisionRefusal(draft, reviewStanding(draft, []), CAROL)?.code).toBe("not-in-review");
  });
});
