import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ConversationMap } from "~/components/conversation-map";
import { FieldError } from "~/components/forms";
import { Label } from "~/components/ui/label";
import { formatDate } from "~/domain/format";
import { conversationMap, conversationOutline } from "~/domain/scenario/map";
import {
  outcomeFigures,
  practiceStats,
  SMALLEST_GROUP,
  STALE_AFTER_DAYS,
  type Cell,
  type OutcomeFigures,
} from "~/domain/scenario/practice-stats";
import { scenarioOfVersion } from "~/models/practice-run.server";
import { getScenarioForStats, runOutcomesByVersion, runsOfVersion } from "~/models/scenario-stats.server";
import { requireUserWithPermission } from "~/services/auth.server";

/** What is echoed back of a version that could not be found; a version number is a few digits. */
const KEPT_LENGTH = 20;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "write:scenario:any");
  const organisationId = user.organisation.id;
  const scenarioId = params.scenarioId ?? "";
  const found = scenarioId.length <= 40 ? await getScenarioForStats(organisationId, scenarioId) : null;
  const newest = found?.versions[0];
  if (!found || !newest) throw new Response("Not found", { status: 404 });

  const asked = (new URL(request.url).searchParams.get("version") ?? "").trim().slice(0, KEPT_LENGTH);
  const picked = found.versions.find((version) => String(version.number) === asked);
  const chosen = picked ?? newest;
  const now = new Date();
  const [outcomes, runs, scenario] = await Promise.all([
    runOutcomesByVersion(
      organisationId,
      found.versions.map((version) => version.id),
    ),
    runsOfVersion(organisationId, chosen.id),
    scenarioOfVersion(chosen.id),
  ]);
  const stats = practiceStats(scenario, runs, now);
  const map = conversationMap(scenario);
  const labels = Object.fromEntries(map.nodes.map((node) => [node.id, node.label]));
  return {
    scenario: { id: found.id, slug: found.slug, title: found.title, origin: found.origin },
    versions: found.versions.map((version) => ({
      number: version.number,
      createdAt: version.createdAt,
      ...outcomeFigures(outcomes.get(version.id) ?? [], now),
    })),
    allVersions: outcomeFigures([...outcomes.values()].flat(), now),
    chosen: chosen.number,
    newest: newest.number,
    problem: asked !== "" && !picked ? { typed: asked } : null,
    stats,
    labels,
    // The nodes in reading order, from the start, as the map's list gives them.
    order: conversationOutline(scenario, map).map((node) => node.id),
    map,
  };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A figure in words; a hidden one says why, never a number. */
function Figure({ cell, share = true }: { cell: Cell; share?: boolean }) {
  if (cell.kind === "fewer-than-5") return <>fewer than {SMALLEST_GROUP}</>;
  if (cell.kind === "withheld") return <>not shown</>;
  return (
    <>
      {cell.count}
      {share && cell.share !== null ? ` (${percent(cell.share)})` : ""}
    </>
  );
}

function OutcomeCells({ figures }: { figures: OutcomeFigures }) {
  return (
    <>
      <td>
        <Figure cell={figures.plays} />
      </td>
      <td>
        <Figure cell={figures.outcomes.completed} share={false} />
      </td>
      <td>
        <Figure cell={figures.outcomes.stopped} share={false} />
      </td>
      <td>
        <Figure cell={figures.outcomes["in-progress"]} share={false} />
      </td>
      <td>{figures.completionRate === null ? "not shown" : percent(figures.completionRate)}</td>
    </>
  );
}

export default function PracticeFigures() {
  const data = useLoaderData<typeof loader>();
  const { scenario, versions, allVersions, chosen, newest, problem } = data;
  return (
    <div className="stack">
      <p>
        <Link to="/studio">Studio</Link>
        {scenario.origin === "library" ? (
          <>
            {" · "}
            <Link to={`/studio/library/${scenario.slug}`}>The scenario&apos;s map</Link>
          </>
        ) : null}
      </p>
      <p className="eyebrow">What happened in practice</p>
      <h1>{scenario.title}</h1>
      <p className="lede">
        How people in your organisation played this conversation. Only your organisation&apos;s practice is counted, and
        only totals are shown: nobody&apos;s own practice can be seen here.
      </p>
      <HowToRead />

      {problem ? (
        <div className="error-summary" role="alert" aria-labelledby="version-problem" tabIndex={-1}>
          <h2 id="version-problem">There is a problem with the version</h2>
          <ul>
            <li>
              <a href="#version">
                Version: there is no version “{problem.typed}” of this scenario. Choose one from the list.
              </a>
            </li>
          </ul>
          <p>Showing the newest version ({newest}) instead.</p>
        </div>
      ) : null}
      <Form method="get" className="filters" aria-label="Choose the version" key={`${chosen}|${problem?.typed ?? ""}`}>
        <div className={problem ? "field field--error" : "field"}>
          <Label htmlFor="version">Version</Label>
          <FieldError
            id="version-error"
            errors={problem ? [`There is no version “${problem.typed}”. Choose one from the list.`] : undefined}
          />
          <select
            id="version"
            name="version"
            defaultValue={String(chosen)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "version-error" : undefined}
          >
            {versions.map((version) => (
              <option key={version.number} value={String(version.number)}>
                Version {version.number}
                {version.number === newest ? " (newest)" : ""}, from {formatDate(version.createdAt)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          Show this version
        </button>
      </Form>

      <section aria-labelledby="versions-heading" className="stack">
        <h2 id="versions-heading">Every version</h2>
        <ScrollBox label="Plays and how they ended, version by version">
          <table>
            <caption>Plays and how they ended, version by version</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Plays</th>
                <th scope="col">Completed</th>
                <th scope="col">Stopped part way</th>
                <th scope="col">Still in progress</th>
                <th scope="col">Completion rate</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr key={version.number}>
                  <th scope="row">Version {version.number}</th>
                  <OutcomeCells figures={version} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">All versions</th>
                <OutcomeCells figures={allVersions} />
              </tr>
            </tfoot>
          </table>
        </ScrollBox>
      </section>

      <VersionFigures data={data} />
    </div>
  );
}

function HowToRead() {
  return (
    <details className="panel">
      <summary>How these figures are worked out</summary>
      <ul>
        <li>
          A play is one go at the conversation, choosing replies. Practice in your own words (with the AI playing the
          parent) has no choices to count, so it is left out of every figure here.
        </li>
        <li>
          To keep people from being picked out, any figure from fewer than {SMALLEST_GROUP} plays says “fewer than{" "}
          {SMALLEST_GROUP}”. Where a small figure could be worked out from the total and the others, one more figure in
          that table says “not shown”. A share or an average is only given when the figures it comes from are shown.
        </li>
        <li>
          Stopped part way: the person left the conversation, or has not come back to it for {STALE_AFTER_DAYS} days.
          The completion rate is completed plays out of all plays.
        </li>
        <li>
          Choices: when a play came back to the same moment, only its first choice there counts, so the shares at each
          moment add up to 100%. A play started with “try again from this moment” counts as a new play, with the earlier
          moves it repeats.
        </li>
        <li>
          The meters: the average of each meter after the first move, the second and so on, over the plays that made at
          least that many moves, whatever the moment they had reached.
        </li>
      </ul>
    </details>
  );
}

function VersionFigures({ data }: { data: LoaderData }) {
  const { stats, labels, order, map, chosen, scenario } = data;
  const nodes = order
    .map((id) => stats.nodes.find((node) => node.nodeId === id))
    .filter((node): node is (typeof stats.nodes)[number] => node !== undefined && node.type !== "ending");
  const label = (id: string) => labels[id] ?? id;
  return (
    <section aria-labelledby="version-heading" className="stack">
      <h2 id="version-heading">Version {chosen}</h2>
      <p>
        Plays: <strong>{figureText(stats.plays)}</strong>. Completed:{" "}
        <strong>{figureText(stats.outcomes.completed)}</strong>. Completion rate:{" "}
        <strong>{stats.completionRate === null ? "not shown" : percent(stats.completionRate)}</strong>.
        {stats.unreadable.kind === "shown" && stats.unreadable.count === 0
          ? null
          : ` Plays whose moves could not be read back on this version, left out of the tables below: ${figureText(stats.unreadable)}.`}
      </p>

      <h3 id="map-heading">The map, drawn by traffic</h3>
      <p>
        The more plays took a move, the thicker its arrow. A move nobody took and a move whose figure is hidden both get
        the thinnest arrow; each arrow&apos;s title says which, and gives its share of all plays. The tables that follow
        give the same figures in words, and each box on the map links to its table.
      </p>
      <p>
        <a href="#endings-heading">Skip the map</a>
      </p>
      <ConversationMap title={scenario.title} map={map} traffic={stats.traffic} />

      <h3 id="endings-heading" tabIndex={-1}>
        How the completed plays ended
      </h3>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Completed plays by ending, with the share of completed plays</caption>
          <thead>
            <tr>
              <th scope="col">Ending</th>
              <th scope="col">Tone</th>
              <th scope="col">Plays that ended here</th>
            </tr>
          </thead>
          <tbody>
            {stats.endings.map((ending) => (
              <tr key={ending.nodeId} id={`node-${ending.nodeId}`} tabIndex={-1}>
                <th scope="row">{ending.title}</th>
                <td>{ending.tone}</td>
                <td>
                  <Figure cell={ending.reached} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3 id="stopped-heading">Where plays stopped part way</h3>
      <p>Plays that stopped part way: {figureText(stats.stoppedAt.total)}.</p>
      {stats.stoppedAt.nodes.length === 0 ? (
        <p>No play has stopped part way.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">
              The moment each play that stopped part way had reached, with the share of those plays
            </caption>
            <thead>
              <tr>
                <th scope="col">Moment</th>
                <th scope="col">Plays that stopped here</th>
              </tr>
            </thead>
            <tbody>
              {stats.stoppedAt.nodes.map((node) => (
                <tr key={node.nodeId}>
                  <th scope="row">{label(node.nodeId)}</th>
                  <td>
                    <Figure cell={node.stopped} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3 id="meters-heading">The meters, move by move</h3>
      {stats.meterPath.meters.length === 0 ? (
        <p>This scenario has no meters.</p>
      ) : (
        <ScrollBox label="The meters, move by move">
          <table>
            <caption className="visually-hidden">
              The average of each meter after each move, over the plays that made that many moves
            </caption>
            <thead>
              <tr>
                <th scope="col">Move</th>
                <th scope="col">Plays that made it</th>
                {stats.meterPath.meters.map((meter) => (
                  <th scope="col" key={meter.id}>
                    {meter.label} (average)
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {stats.meterPath.moves.map((move) => (
                <tr key={move.move}>
                  <th scope="row">{move.move === 0 ? "Start" : `After move ${move.move}`}</th>
                  <td>
                    <Figure cell={move.runs} />
                  </td>
                  {stats.meterPath.meters.map((meter) => (
                    <td key={meter.id}>{move.averages ? (move.averages[meter.id] ?? 0).toFixed(1) : "not shown"}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}

      <h3 id="choices-heading">The choices at each moment</h3>
      <p className="hint">In reading order, from the start. Shares are of the plays that moved on from that moment.</p>
      {nodes.map((node) => (
        <div className="table-wrap" key={node.nodeId} id={`node-${node.nodeId}`} tabIndex={-1}>
          <table>
            <caption>
              {label(node.nodeId)}: reached by {figureText(node.reached)}{" "}
              {node.reached.kind === "shown" && node.reached.count === 1 ? "play" : "plays"}, moved on from by{" "}
              {figureText(node.movedOn)}
            </caption>
            <thead>
              <tr>
                <th scope="col">Choice</th>
                <th scope="col">Leads to</th>
                <th scope="col">Plays that chose it</th>
              </tr>
            </thead>
            <tbody>
              {node.choices.map((choice) => (
                <tr key={choice.choiceId}>
                  <th scope="row">{choice.says}</th>
                  <td>{label(choice.to)}</td>
                  <td>
                    <Figure cell={choice.taken} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

/** A wide table that scrolls sideways on a small screen: a named region the keyboard can reach and scroll. */
function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A scrolling region must be reachable by keyboard to be scrolled (WCAG 2.1.1), so it takes focus.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

function figureText(cell: Cell): string {
  if (cell.kind === "fewer-than-5") return `fewer than ${SMALLEST_GROUP}`;
  if (cell.kind === "withheld") return "not shown";
  return String(cell.count);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `In practice: ${data.scenario.title}` : "In practice"} · Studio · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
