import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { readPeriodQuery } from "~/components/coaching-period";
import { dashboardCsv } from "~/domain/coaching-metrics";
import { hasPermission } from "~/domain/roles";
import { coachingForTeamsLedBy } from "~/models/coaching.server";
import { requireUser } from "~/services/auth.server";

const TeamParam = z.string().min(1).max(40);

// Excel reads a file without a byte-order mark as the old Windows code page, garbling names such as "Zoë".
const BYTE_ORDER_MARK = "\uFEFF";

function plainText(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

const NOT_YOURS = "We cannot find that team among the teams you lead. Download the spreadsheet from the Team page.";

/**
 * One team's dashboard for the period, as a spreadsheet for the manager's own records. A download
 * has no page of its own: someone without the dashboard is sent to it, where a page explains (403);
 * a team the manager does not lead is not found, in plain words.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!hasPermission(user.roles, "read:team-dashboard:own-teams")) throw redirect("/team");
  const url = new URL(request.url);
  const teamId = TeamParam.safeParse(url.searchParams.get("team"));
  if (!teamId.success) return plainText(404, NOT_YOURS);
  const now = new Date();
  const query = readPeriodQuery(url, now);
  const problems = Object.values(query.errors);
  // A download of some other period than the one asked for would be worse than none.
  if (problems.length > 0) return plainText(400, problems.join("\n"));
  const [team] = await coachingForTeamsLedBy({
    managerId: user.id,
    organisationId: user.organisation.id,
    period: query.period,
    now,
    onlyTeamId: teamId.data,
  });
  if (!team) return plainText(404, NOT_YOURS);
  const fileName = `coaching-time-${team.slug}-${query.period.from}-to-${query.period.to}.csv`;
  return new Response(BYTE_ORDER_MARK + dashboardCsv(team.summary, query.period), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
    },
  });
}
