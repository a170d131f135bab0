import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkLeadership, placementsFrom, RolesField, TeamsField } from "~/domain/access-form";

const Schema = z.object({ roles: RolesField, team: TeamsField }).superRefine(checkLeadership);

describe("roles and teams form", () => {
  it("needs at least one known role", () => {
    expect(Schema.safeParse({ roles: [] }).success).toBe(false);
    expect(Schema.safeParse({ roles: ["wizard"] }).success).toBe(false);
    expect(Schema.safeParse({ roles: ["reviewer"] }).success).toBe(true);
  });

  it("needs the Manager role to lead a team", () => {
    const result = Schema.safeParse({ roles: ["practitioner"], team: { t1: "manager" } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["roles"]);
    expect(Schema.safeParse({ roles: ["manager"], team: { t1: "manager" } }).success).toBe(true);
  });

  it("turns the selects into placements, leaving out 'not in this team'", () => {
    expect(placementsFrom({ t1: "member", t2: "none", t3: "manager" })).toEqual([
      { teamId: "t1", role: "member" },
      { teamId: "t3", role: "manager" },
    ]);
    expect(placementsFrom(undefined)).toEqual([]);
  });
});
