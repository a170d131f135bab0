import { describe, expect, it } from "vitest";
import { hasPermission, navFor, normaliseRoles, permissionsFor } from "~/domain/roles";

const labels = (roles: Parameters<typeof navFor>[0]) => navFor(roles).map((item) => item.label);

describe("navigation by role", () => {
  it.each([
    [["practitioner"], ["Practise", "Journal", "Supervision"]],
    [["manager"], ["Practise", "Journal", "Supervision", "Team"]],
    [["trainer"], ["Practise", "Studio"]],
    [["reviewer"], ["Studio"]],
    [["admin"], ["Admin"]],
  ] as const)("%j sees %j", (roles, expected) => {
    expect(labels(roles)).toEqual(expected);
  });

  it("combines roles without repeating an item", () => {
    expect(labels(["practitioner", "trainer", "admin"])).toEqual(["Practise", "Journal", "Supervision", "Studio", "Admin"]);
  });

  it("gives nothing to nobody", () => {
    expect(labels([])).toEqual([]);
    expect(permissionsFor([]).size).toBe(0);
  });
});

describe("permissions", () => {
  it("lets only admins manage people and read the audit log", () => {
    for (const role of ["practitioner", "manager", "trainer", "reviewer"] as const) {
      expect(hasPermission([role], "manage:people:any")).toBe(false);
      expect(hasPermission([role], "read:audit-log:any")).toBe(false);
    }
    expect(hasPermission(["admin"], "manage:people:any")).toBe(true);
  });

  it("lets reviewers review but not write scenarios", () => {
    expect(hasPermission(["reviewer"], "review:scenario:any")).toBe(true);
    expect(hasPermission(["reviewer"], "write:scenario:any")).toBe(false);
  });

  it("keeps only known roles, in their usual order, once each", () => {
    expect(normaliseRoles(["admin", "wizard", "practitioner", "admin"])).toEqual(["practitioner", "admin"]);
  });
});
