import { Link } from "@remix-run/react";
import { formatDateTime } from "~/domain/format";

/** A person's figures as the loader sends them (dates as text). */
export type PersonRow = {
  id: string;
  name: string;
  practiceMinutes: number;
  scenariosCompleted: number;
  reflectionsShared: number;
  supervisionMinutes: number;
  daysSinceSupervision: number | null;
  nextSession: string | Date | null;
  agreement: { frequencyWeeks: number; durationMinutes: number } | null;
  openActions: number;
  flags: { supervisionOverdue: boolean; noPracticeInFourWeeks: boolean };
};

export type TotalsRow = {
  practiceMinutes: number;
  scenariosCompleted: number;
  reflectionsShared: number;
  supervisionMinutes: number;
  openActions: number;
  overdue: number;
  noPractice: number;
};

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** "every 4 weeks", "every week" */
export function describeAgreement(agreement: { frequencyWeeks: number }): string {
  return agreement.frequencyWeeks === 1 ? "every week" : `every ${agreement.frequencyWeeks} weeks`;
}

/** "12 days (agreed: every 4 weeks)", "None yet (no agreement yet)" */
export function describeSinceSupervision(person: Pick<PersonRow, "daysSinceSupervision" | "agreement">): string {
  const since =
    person.daysSinceSupervision === null
      ? "None yet"
      : person.daysSinceSupervision === 0
        ? "Today"
        : plural(person.daysSinceSupervision, "day");
  const agreed = person.agreement ? `agreed: ${describeAgreement(person.agreement)}` : "no agreement yet";
  return `${since} (${agreed})`;
}

/** The gentle flags: words on a neutral tag, never a colour that marks a person out. */
export function CoachingFlags({ flags }: { flags: PersonRow["flags"] }) {
  if (!flags.supervisionOverdue && !flags.noPracticeInFourWeeks) return null;
  return (
    <>
      {flags.supervisionOverdue ? <span className="tag coaching-flag">Supervision overdue</span> : null}
      {flags.noPracticeInFourWeeks ? <span className="tag coaching-flag">No practice in four weeks</span> : null}
    </>
  );
}

/**
 * Each person's time in the period, in name order, with the team's totals. Deliberately no
 * sorting by a figure, no ranks, no colours: it answers "is everyone getting time?", not "who is best?".
 */
export function CoachingPeopleTable({
  id,
  caption,
  people,
  totals,
  personHref,
}: {
  id: string;
  caption: string;
  people: PersonRow[];
  totals: TotalsRow;
  personHref: (personId: string) => string;
}) {
  const notes = [
    totals.overdue > 0 ? `${plural(totals.overdue, "person", "people")} overdue for supervision` : null,
    totals.noPractice > 0 ? `${totals.noPractice} not practised in four weeks` : null,
  ].filter(Boolean);
  return (
    <div className="table-wrap">
      <table className="coaching-table" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" className="numeric">
              Practice minutes
            </th>
            <th scope="col" className="numeric">
              Scenarios completed
            </th>
            <th scope="col" className="numeric">
              Reflections shared with supervisor
            </th>
            <th scope="col" className="numeric">
              Supervision minutes held
            </th>
            <th scope="col">Since last supervision</th>
            <th scope="col">Next session</th>
            <th scope="col" className="numeric">
              Open agreed actions
            </th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <tr key={person.id}>
              <th scope="row">
                <Link to={personHref(person.id)}>{person.name}</Link>
              </th>
              <td className="numeric">{person.practiceMinutes}</td>
              <td className="numeric">{person.scenariosCompleted}</td>
              <td className="numeric">{person.reflectionsShared}</td>
              <td className="numeric">{person.supervisionMinutes}</td>
              <td className="coaching-table__when">{describeSinceSupervision(person)}</td>
              <td className="coaching-table__when">
                {person.nextSession ? formatDateTime(person.nextSession) : "None booked"}
              </td>
              <td className="numeric">{person.openActions}</td>
              <td className="coaching-table__notes">
                <CoachingFlags flags={person.flags} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Team total</th>
            <td className="numeric">{totals.practiceMinutes}</td>
            <td className="numeric">{totals.scenariosCompleted}</td>
            <td className="numeric">{totals.reflectionsShared}</td>
            <td className="numeric">{totals.supervisionMinutes}</td>
            <td></td>
            <td></td>
            <td className="numeric">{totals.openActions}</td>
            <td className="coaching-table__notes">{notes.join("; ")}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
