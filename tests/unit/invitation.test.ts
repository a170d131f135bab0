import { describe, expect, it } from "vitest";
import { invitationState, parseTeamPlacements, serialiseTeamPlacements } from "~/domain/invitation";

const now = new Date("2026-11-23T12:00:00Z");
const later = new Date("2026-11-30T12:00:00Z");

describe("invitation state", () => {
  it("is pending until used, withdrawn or out of date", () => {
    expect(invitationState({ expiresAt: later, acceptedAt: null, revokedAt: null }, now)).toBe("pending");
    expect(invitationState({ expiresAt: later, acceptedAt: now, revokedAt: null }, now)).toBe("accepted");
    expect(invitationState({ expiresAt: later, acceptedAt: null, revokedAt: now }, now)).toBe("revoked");
    expect(invitationState({ expiresAt: now, acceptedAt: null, revokedAt: null }, now)).toBe("expired");
  });

  it("reports an accepted invitation as accepted even after it would have expired", () => {
    expect(invitationState({ expiresAt: now, acceptedAt: now, revokedAt: null }, later)).toBe("accepted");
  });
});

describe("team placements", () => {
  it("round-trips", () => {
    const placements = [
      { teamId: "t1", role: "member" as const },
      { teamId: "t2", role: "manager" as const },
    ];
    expect(parseTeamPlacements(serialiseTeamPlacements(placements))).toEqual(placements);
  });

  it("drops anything that is not a known placement", () => {
    expect(parseTeamPlacements("t1:member  t2:owner :manager t3")).toEqual([{ teamId: "t1", role: "member" }]);
  });
});
