import { z } from "zod";
import type { TeamPlacement } from "./invitation";
import { ROLES } from "./roles";

/** The parts of a form that set someone's roles and teams (used by invite and edit). */

export const RolesField = z
  .array(z.enum(ROLES, { error: "Choose from the roles listed." }), { error: "Choose at least one role." })
  .min(1, "Choose at least one role.")
  .max(ROLES.length, "Choose from the roles listed.");

export const TeamsField = z
  .record(
    z.string().max(40),
    z.enum(["none", "member", "manager"], { error: "Choose not in the team, member or manager." }),
  )
  .optional();

export const PersonNameField = z
  .string({ error: "Enter the person's full name." })
  .trim()
  .min(1, "Enter the person's full name.")
  .max(120, "Use 120 characters or fewer.");

export function placementsFrom(teams: z.infer<typeof TeamsField>): TeamPlacement[] {
  return Object.entries(teams ?? {}).flatMap(([teamId, role]) =>
    role === "member" || role === "manager" ? [{ teamId, role }] : [],
  );
}

/** A person who leads a team needs the manager role, and the other way round is allowed. */
export function checkLeadership(
  value: { roles: readonly string[]; team?: Record<string, string> },
  ctx: z.RefinementCtx,
): void {
  const leads = Object.values(value.team ?? {}).includes("manager");
  if (leads && !value.roles.includes("manager")) {
    ctx.addIssue({
      code: "custom",
      path: ["roles"],
      message: "To lead a team as its manager, the person also needs the Manager role.",
    });
  }
}
