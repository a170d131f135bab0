import type { FieldMetadata } from "@conform-to/react";
import { ROLE_LABELS, ROLES } from "~/domain/roles";
import { CheckboxGroup } from "./forms";
import { Label } from "./ui/label";

export function RolesFieldset({ meta, selected }: { meta: FieldMetadata<string[] | undefined>; selected: readonly string[] }) {
  return (
    <CheckboxGroup
      meta={meta}
      legend="Roles"
      hint="A person can have more than one role."
      selected={selected}
      options={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role].label, hint: ROLE_LABELS[role].description }))}
    />
  );
}

/** The errors that belong to the team selects ("team.<id>" fields). */
export function teamErrors(allErrors: Record<string, string[]>): string[] {
  return Object.entries(allErrors).flatMap(([name, messages]) => (name === "team" || name.startsWith("team.") ? messages : []));
}

/** One select per team: not in it, member, or manager. Works without JavaScript. */
export function TeamPlacementFieldset({
  teams,
  current,
  errors,
}: {
  teams: { id: string; name: string }[];
  current: Record<string, string>;
  errors?: string[];
}) {
  if (teams.length === 0) {
    return <p className="hint">There are no teams yet. You can add teams under Teams.</p>;
  }
  return (
    <fieldset className="field">
      <legend>Teams</legend>
      <span className="hint">A manager gives reflective supervision to the members of the teams they lead.</span>
      {errors?.length ? <span className="field-error">{errors.join(" ")}</span> : null}
      {teams.map((team) => {
        const id = `team-${team.id}`;
        return (
          <div className="field" key={team.id}>
            <Label htmlFor={id}>{team.name}</Label>
            <select id={id} name={`team.${team.id}`} defaultValue={current[team.id] ?? "none"}>
              <option value="none">Not in this team</option>
              <option value="member">Member</option>
              <option value="manager">Manager (leads the team)</option>
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}
