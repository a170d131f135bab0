import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { describePeriod, PeriodForm, readPeriodQuery } from "~/components/coaching-period";
import { coachingForOrganisation, type TeamFigures } from "~/models/coaching.server";
import { requireUserWithPermission } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:people:any");
  const now = new Date();
  const query = readPeriodQuery(new URL(request.url), now);
  const coaching = await coachingForOrganisation(user.organisation.id, query.period, now);
  return { query, ...coaching };
}

function FigureCells({ figures }: { figures: Omit<TeamFigures, "id" | "name"> }) {
  return (
    <>
      <td className="numeric">{figures.people}</td>
      <td className="numeric">{figures.practiceMinutes}</td>
      <td className="numeric">{figures.scenariosCompleted}</td>
      <td className="numeric">{figures.reflectionsShared}</td>
      <td className="numeric">{figures.supervisionMinutes}</td>
      <td className="numeric">{figures.overdue}</td>
      <td className="numeric">{figures.noPractice}</td>
      <td className="numeric">{figures.openActions}</td>
    </>
  );
}

export default function OrganisationCoaching() {
  const { query, teams, organisation } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Coaching time</h1>
      <p className="lede">
        How much time each team gives to practice, reflection and supervision, added up across its members. Teams are in
        name order; people are never listed or ranked here.
      </p>
      <PeriodForm query={query} />
      {teams.length === 0 ? (
        <p>There are no teams yet. Add one under Teams.</p>
      ) : (
        <div className="table-wrap">
          <table className="coaching-table">
            <caption>Coaching time by team, {describePeriod(query.period)}</caption>
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col" className="numeric">
                  People
                </th>
                <th scope="col" className="numeric">
                  Practice minutes
                </th>
                <th scope="col" className="numeric">
                  Scenarios completed
                </th>
                <th scope="col" className="numeric">
                  Reflections shared with supervisors
                </th>
                <th scope="col" className="numeric">
                  Supervision minutes held
                </th>
                <th scope="col" className="numeric">
                  People overdue for supervision
                </th>
                <th scope="col" className="numeric">
                  People not practised in four weeks
                </th>
                <th scope="col" className="numeric">
                  Open agreed actions
                </th>
              </tr>
            </thead>
            <tbody>
              {teams.map((team) => (
                <tr key={team.id}>
                  <th scope="row">{team.name}</th>
                  <FigureCells figures={team} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Organisation</th>
                <FigureCells figures={organisation} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <p className="hint">
        Someone in two teams counts in each, and once in the organisation’s row. Only members are counted, not the
        managers who lead a team; private reflections are never counted. Overdue means longer since the last supervision
        than the person’s agreement allows.
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Coaching time · Admin · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
