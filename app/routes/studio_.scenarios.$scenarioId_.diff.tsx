import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { diffScenarios, type FieldChange, type ItemDiff } from "~/domain/scenario/diff";
import { getOrganisationScenario, versionPair } from "~/models/studio-scenario.server";
import { requireUserWithPermission } from "~/services/auth.server";

const STATUS_WORDS: Record<ItemDiff["status"], string> = {
  added: "Added",
  removed: "Removed",
  changed: "Changed",
  unchanged: "Unchanged",
};

function versionParam(value: string | null, fallback: number, newest: number): number | null {
  if (value === null || value === "") return fallback;
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 && number <= newest ? number : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:studio:any");
  const scenario = params.scenarioId ? await getOrganisationScenario(user.organisation.id, params.scenarioId) : null;
  if (!scenario) throw new Response("Not found", { status: 404 });
  const newest = scenario.versions[0]?.number ?? 0;
  const query = new URL(request.url).searchParams;
  const to = versionParam(query.get("to"), newest, newest);
  const from = versionParam(query.get("from"), Math.max(1, newest - 1), newest);
  const versions = scenario.versions.map((version) => version.number);
  const base = { id: scenario.id, title: scenario.title, versions };
  if (from === null || to === null) {
    return { ...base, problem: `Choose two versions between 1 and ${newest}.`, from, to, diff: null };
  }
  if (from === to) return { ...base, problem: "Choose two different versions to compare.", from, to, diff: null };
  const pair = await versionPair(user.organisation.id, scenario.id, from, to);
  if (!pair) throw new Response("Not found", { status: 404 });
  return { ...base, problem: null, from, to, diff: diffScenarios(pair.before, pair.after) };
}

export default function VersionDiff() {
  const page = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p>
        <Link to={`/studio/scenarios/${page.id}`}>{page.title}</Link>
      </p>
      <h1>What changed between versions</h1>
      <Form method="get" className="panel filters">
        <VersionSelect name="from" label="Compare version" versions={page.versions} value={page.from} />
        <VersionSelect name="to" label="with version" versions={page.versions} value={page.to} />
        <button type="submit" className="button">
          Compare
        </button>
      </Form>
      {page.problem ? (
        <p className="notice" role="alert">
          {page.problem}
        </p>
      ) : null}
      {page.diff ? <Diff diff={page.diff} from={page.from!} to={page.to!} /> : null}
    </div>
  );
}

function VersionSelect({
  name,
  label,
  versions,
  value,
}: {
  name: string;
  label: string;
  versions: number[];
  value: number | null;
}) {
  return (
    <div className="field">
      <label htmlFor={`diff-${name}`}>{label}</label>
      <select id={`diff-${name}`} name={name} defaultValue={String(value ?? "")}>
        {versions.map((number) => (
          <option key={number} value={number}>
            Version {number}
          </option>
        ))}
      </select>
    </div>
  );
}

function Diff({
  diff,
  from,
  to,
}: {
  diff: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["diff"]>;
  from: number;
  to: number;
}) {
  const { counts } = diff;
  return (
    <>
      <p>
        From version {from} to version {to}: {counts.added} {counts.added === 1 ? "node" : "nodes"} added,{" "}
        {counts.removed} removed, {counts.changed} changed and {counts.unchanged} unchanged.
      </p>
      <section aria-labelledby="diff-details" className="stack">
        <h2 id="diff-details">Details</h2>
        {diff.details.length === 0 ? (
          <p>No change to the details.</p>
        ) : (
          <Changes changes={diff.details} caption="Details" />
        )}
      </section>
      <Items heading="People" id="diff-personas" items={diff.personas} />
      <Items heading="Meters" id="diff-meters" items={diff.meters} />
      <Items heading="Nodes" id="diff-nodes" items={diff.nodes} />
    </>
  );
}

function Items({ heading, id, items }: { heading: string; id: string; items: ItemDiff[] }) {
  const shown = items.filter((item) => item.status !== "unchanged");
  const unchanged = items.length - shown.length;
  return (
    <section aria-labelledby={id} className="stack">
      <h2 id={id}>{heading}</h2>
      {shown.length === 0 ? <p>No changes.</p> : null}
      {shown.map((item) => (
        <article key={item.id} className="panel stack" aria-labelledby={`${id}-${item.id}`}>
          <h3 id={`${id}-${item.id}`}>
            {STATUS_WORDS[item.status]}: {item.label} <code>{item.id}</code>
          </h3>
          {item.changes.length > 0 ? <Changes changes={item.changes} caption={`Changes to ${item.id}`} /> : null}
        </article>
      ))}
      {unchanged > 0 ? <p className="hint">{unchanged} unchanged, not shown.</p> : null}
    </section>
  );
}

function Changes({ changes, caption }: { changes: FieldChange[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="diff-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.field}>
              <th scope="row">{change.field}</th>
              <td>{change.before || <span className="hint">(none)</span>}</td>
              <td>{change.after || <span className="hint">(none)</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Changes: ${data.title}` : "Changes"} · Studio · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
