import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CoachingPeopleTable } from "~/components/coaching-people";
import { describePeriod, PeriodForm, readPeriodQuery } from "~/components/coaching-period";
import { CoachingTrend } from "~/components/coaching-trend";
import { coachingForTeamsLedBy } from "~/models/coaching.server";
import { requireUserWithPermission } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:team-dashboard:own-teams");
  const now = new Date();
  const query = readPeriodQuery(new URL(request.url), now);
  const teams = await coachingForTeamsLedBy({
    managerId: user.id,
    organisationId: user.organisation.id,
    period: query.period,
    now,
  });
  return { query, teams };
}

function csvHref(teamId: string, period: { from: string; to: string }): string {
  return `/team/export.csv?${new URLSearchParams({ team: teamId, ...period })}`;
}

export default function TeamDashboard() {
  const { query, teams } = useLoaderData<typeof loader>();
  const period = describePeriod(query.period);
  return (
    <div className="stack">
      <h1>Team</h1>
      <p className="lede">
        Is everyone in your teams getting time to practise, to reflect and to be supervised? People are listed by name.
        These figures are about time given to growth: they are not a measure of anyone’s performance.
      </p>
      <PeriodForm query={query} />
      {teams.length === 0 ? (
        <p>You do not lead a team yet. An admin in your organisation can make you a team’s manager.</p>
      ) : null}
      {teams.map((team) => (
        <section key={team.id} aria-labelledby={`team-${team.id}`} className="stack coaching-team">
          <h2 id={`team-${team.id}`}>{team.name}</h2>
          {team.summary.people.length === 0 ? (
            <p>Nobody is in this team yet.</p>
          ) : (
            <>
              {team.summary.nobodyPractisedInFourWeeks ? (
                <div className="notice">
                  <p>
                    <strong>Nobody in this team has practised in the last four weeks.</strong> A short conversation
                    practised together in a team meeting can be a gentle way back in.
                  </p>
                </div>
              ) : null}
              <CoachingPeopleTable
                id={`people-${team.id}`}
                caption={`Time for each person in ${team.name}, ${period}`}
                people={team.summary.people}
                totals={team.summary.totals}
                personHref={(personId) => `/team/${personId}${query.search}`}
              />
              <p>
                <a href={csvHref(team.id, query.period)} download>
                  Download {team.name} as a spreadsheet (CSV)
                </a>
              </p>
              <CoachingTrend
                id={`trend-${team.id}`}
                title={`Week by week in ${team.name}: minutes of practice and supervision, and reflections shared`}
                weeks={team.trend}
              />
            </>
          )}
        </section>
      ))}
      <p className="hint">
        Reflections stay private unless their writer shares them with their supervisor; only shared ones are counted. To
        suggest a conversation to someone, open it in <Link to="/practise">Practise</Link> and use “Recommend this
        conversation”.
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Team · Heartwork" }];

export { ErrorBoundary } from "~/components/route-error-boundary";
