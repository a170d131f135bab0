import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useEffect, useRef, type RefObject } from "react";
import { z } from "zod";
import {
  EndingOutcome,
  momentOf,
  MomentWords,
  type EndingView,
  type MomentView,
  ChoiceButtons,
} from "~/components/scenario-moment";
import { Label } from "~/components/ui/label";
import { checkScenarioSource, CONTINUE, type Scenario } from "~/domain/scenario";
import {
  decodePath,
  encodePath,
  playableNodes,
  playtest,
  type PlaytestMeter,
  type PlaytestStep,
} from "~/domain/scenario/playtest";
import { getDraft } from "~/models/scenario-draft.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { readFormData } from "~/services/form.server";
import { loadCheckContext } from "~/services/scenario-library.server";

/**
 * Playing a draft as a learner would, to try it out. Nothing is stored: the form carries
 * where the playtest began and the choices made so far, and each request replays them.
 */

const NODE_ID_LIMIT = 80;
// PLAYTEST_MOVE_LIMIT moves of long ids, with room to spare; a longer path is not one this page wrote.
const PATH_LIMIT = 64 * 1024;

const STALE_FORM = "The page did not say which version of the draft it shows. Start again.";

const MoveSchema = z.object({
  from: z
    .string({ error: "The page did not say where this playtest began. Start again." })
    .max(NODE_ID_LIMIT, "The node this playtest began at was not recognised. Start again."),
  path: z
    .string()
    .max(PATH_LIMIT, "The path of this playtest is longer than any playtest makes. Start again.")
    .default(""),
  version: z.coerce.number({ error: STALE_FORM }).int(STALE_FORM).min(1, STALE_FORM).max(1_000_000_000, STALE_FORM),
  choice: z
    .string({ error: "Choose what to say." })
    .min(1, "Choose what to say.")
    .max(NODE_ID_LIMIT, "That choice was not recognised. Choose one of the replies below."),
});

type Draft = NonNullable<Awaited<ReturnType<typeof getDraft>>>;

async function findDraft(organisationId: string, id: string | undefined): Promise<Draft> {
  const draft = id && id.length <= 40 ? await getDraft(organisationId, id) : null;
  if (!draft) throw new Response("Not found", { status: 404 });
  return draft;
}

/** The draft as a scenario, or why it cannot be played. */
async function playable(
  draft: Draft,
): Promise<{ scenario: Scenario; blocked: null } | { scenario: null; blocked: string }> {
  const { context, problems } = await loadCheckContext();
  if (!context) {
    return {
      scenario: null,
      blocked: `The checker could not run, so the draft cannot be played: ${problems.join("; ")}`,
    };
  }
  const check = checkScenarioSource(draft.source, `${draft.slug}.yaml`, context);
  if (check.scenario) return { scenario: check.scenario, blocked: null };
  const errors = check.problems.filter((problem) => problem.severity === "error").length;
  return {
    scenario: null,
    blocked: `The checker found ${errors === 1 ? "an error" : `${errors} errors`} in this draft, so it cannot be playtested yet. Fix ${errors === 1 ? "it" : "them"} on the draft's page, then come back.`,
  };
}

type PlaytestView = {
  from: string;
  fromStart: boolean;
  path: string;
  moves: number;
  /** The node the playtest is at now. */
  node: string;
  moment: MomentView | null;
  ending: (EndingView & { title: string }) | null;
  choices: { id: string; says: string }[];
  lastChoice: { says: string; note: string | null } | null;
  meters: PlaytestMeter[];
  steps: PlaytestStep[];
};

type Page = {
  draft: { id: string; slug: string; title: string; version: number };
  blocked: string | null;
  /** Why the request could not be played, with the way to start again. */
  problem: string | null;
  /** Said once, when the draft was saved since the playtest began and the path still fits. */
  notice: string | null;
  nodes: { id: string; label: string }[];
  coachNotesInDebrief: boolean;
  view: PlaytestView | null;
};

function pageOf(draft: Draft, scenario: Scenario | null, blocked: string | null): Page {
  return {
    draft: { id: draft.id, slug: draft.slug, title: draft.title, version: draft.version },
    blocked,
    problem: null,
    notice: null,
    nodes: scenario
      ? playableNodes(scenario).map((node) => ({ id: node.id, label: `${node.id} (${node.type}): ${node.text}` }))
      : [],
    coachNotesInDebrief: scenario?.coachNotes === "in-debrief",
    view: null,
  };
}

/** Replays a playtest into what the page shows, or the problem that stopped it. */
function viewOf(
  scenario: Scenario,
  from: string | undefined,
  encodedPath: string,
): { view: PlaytestView; problem: null } | { view: null; problem: string } {
  const decoded = decodePath(encodedPath);
  if (!decoded.ok) return { view: null, problem: decoded.problem.message };
  const played = playtest(scenario, from, decoded.choiceIds);
  if (!played.ok) return { view: null, problem: played.problem.message };
  const { node, lastChoice, state } = played.playtest;
  return {
    problem: null,
    view: {
      from: played.playtest.from,
      fromStart: played.playtest.fromStart,
      path: encodePath(state.path),
      moves: state.path.length,
      node: node.id,
      moment: node.type === "ending" ? null : momentOf(scenario, node),
      ending:
        node.type === "ending"
          ? {
              title: node.title,
              tone: node.tone,
              debrief: node.debrief,
              wentWell: node.wentWell,
              tryNext: node.tryNext,
            }
          : null,
      choices: played.playtest.choices.map((choice) => ({
        id: choice.id,
        says: choice.id === CONTINUE ? "Carry on" : choice.says,
      })),
      lastChoice: lastChoice ? { says: lastChoice.says, note: lastChoice.note ?? null } : null,
      meters: played.playtest.meters,
      steps: played.playtest.steps,
    },
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:studio:any");
  const draft = await findDraft(user.organisation.id, params.draftId);
  const { scenario, blocked } = await playable(draft);
  const page = pageOf(draft, scenario, blocked);
  if (!scenario) return data(page);
  const from = new URL(request.url).searchParams.get("from") || undefined;
  if (from !== undefined && from.length > NODE_ID_LIMIT) {
    return data({ ...page, problem: "The node to play from was not recognised." }, { status: 400 });
  }
  const { view, problem } = viewOf(scenario, from, "");
  return data({ ...page, view, problem }, { status: problem ? 400 : 200 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:studio:any");
  const formData = await readFormData(request);
  const draft = await findDraft(user.organisation.id, params.draftId);
  const { scenario, blocked } = await playable(draft);
  const page = pageOf(draft, scenario, blocked);
  if (!scenario) return data(page, { status: 409 });
  const submission = parseWithZod(formData, { schema: MoveSchema });
  if (submission.status !== "success") {
    const messages = [...new Set(Object.values(submission.reply().error ?? {}).flat())];
    // Where the form still says where the playtest is, stay there so the person can choose again.
    const from = formData.get("from");
    const path = formData.get("path");
    const kept =
      typeof from === "string" && from.length <= NODE_ID_LIMIT && typeof path === "string" && path.length <= PATH_LIMIT
        ? viewOf(scenario, from, path).view
        : null;
    return data(
      { ...page, view: kept, problem: messages.join(" ") || "The form was not as expected. Start again." },
      { status: 400 },
    );
  }
  const { from, path, version, choice } = submission.value;
  const played = viewOf(scenario, from, `${path} ${choice}`);
  if (!played.view) {
    const stale =
      version !== draft.version
        ? ` The draft has been saved since this playtest began, so the moves made before may no longer fit it.`
        : "";
    return data({ ...page, problem: `${played.problem}${stale}`, view: null }, { status: 400 });
  }
  const notice =
    version !== draft.version
      ? "The draft has been saved since this playtest began. The moves made so far still fit it, so it carries on with the latest version."
      : null;
  return data({ ...page, notice, view: played.view });
}

/** A move changes nothing the loader reads, so the page does not ask for it again (and re-check the draft). */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod?.toUpperCase() === "POST" ? false : defaultShouldRevalidate;

function useFocusOnNewMoment(key: string) {
  const ref = useRef<HTMLHeadingElement>(null);
  const shown = useRef(key);
  useEffect(() => {
    // A new moment arrived without a page load: take focus to it so it is read next.
    if (shown.current === key) return;
    shown.current = key;
    ref.current?.focus();
  }, [key]);
  return ref;
}

export default function Playtest() {
  const loaderPage = useLoaderData<typeof loader>();
  const actionPage = useActionData<typeof action>();
  const page: Page = actionPage ?? loaderPage;
  const { draft, view } = page;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const here = `/studio/drafts/${draft.id}/playtest`;
  const momentHeading = useFocusOnNewMoment(view ? `${view.from}|${view.path}` : "none");
  return (
    <div className="stack player">
      <p>
        <Link to="/studio">Studio</Link> · <Link to={`/studio/drafts/${draft.id}`}>Back to the draft</Link>
      </p>
      <p className="eyebrow">
        Playtest · draft <code>{draft.slug}.yaml</code>, version {draft.version}
      </p>
      <h1>Playtest: {draft.title}</h1>
      {page.blocked ? (
        <section className="notice" aria-labelledby="blocked-heading">
          <h2 id="blocked-heading">This draft cannot be playtested yet</h2>
          <p>{page.blocked}</p>
          <p>
            <Link to={`/studio/drafts/${draft.id}`}>Go to the draft and see what the checker found</Link>
          </p>
        </section>
      ) : (
        <>
          <p className="hint">
            A playtest is not recorded anywhere and never counts as practice. You see everything a learner sees, and
            more: every meter, and the coach&apos;s note after each choice.
          </p>
          {page.problem ? (
            <div className="error-summary" role="alert" aria-labelledby="problem-heading">
              <h2 id="problem-heading">There is a problem</h2>
              <p>{page.problem}</p>
              <p>
                <a href={here}>Start again from the start</a>
              </p>
            </div>
          ) : null}
          {page.notice ? (
            <p className="notice" role="status">
              {page.notice}
            </p>
          ) : null}
          {view ? <Moment view={view} page={page} here={here} busy={busy} headingRef={momentHeading} /> : null}
          <section aria-labelledby="restart-heading" className="stack">
            <h2 id="restart-heading">Start again, or play from another node</h2>
            {view ? (
              <p>
                <a href={view.fromStart ? here : `${here}?from=${encodeURIComponent(view.from)}`}>
                  Start again{view.fromStart ? "" : ` from “${view.from}”`}
                </a>
                {view.fromStart ? null : (
                  <>
                    {" · "}
                    <a href={here}>Start again from the start</a>
                  </>
                )}
              </p>
            ) : null}
            <Form method="get" action={here} className="filters">
              <div className="field">
                <Label htmlFor="play-from">Node to play from</Label>
                <select id="play-from" name="from" defaultValue={view?.from ?? ""} key={view?.from ?? ""}>
                  {page.nodes.map((node) => (
                    <option value={node.id} key={node.id}>
                      {node.label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="actions">
                <button type="submit" className="button button--secondary">
                  Play from this node
                </button>
              </div>
            </Form>
            <p className="hint">
              Playing from a node other than the start begins with every meter at its start value and no node visited
              before it.
            </p>
          </section>
        </>
      )}
    </div>
  );
}

function Moment({
  view,
  page,
  here,
  busy,
  headingRef,
}: {
  view: PlaytestView;
  page: Page;
  here: string;
  busy: boolean;
  headingRef: RefObject<HTMLHeadingElement>;
}) {
  return (
    <>
      {view.fromStart ? null : (
        <p className="notice">
          This playtest began at the node “{view.from}”, not at the start. The meters began at their start values and no
          node before it counts as visited, so some choices may be offered here that a learner would not see, or the
          other way round.
        </p>
      )}
      {view.lastChoice ? (
        <aside className="coach-note" aria-label="Coach's note on the choice just made">
          <h2>Coach&apos;s note</h2>
          <p className="hint">You chose: &ldquo;{view.lastChoice.says}&rdquo;</p>
          <p>{view.lastChoice.note ?? "This choice has no coach's note."}</p>
          {page.coachNotesInDebrief ? (
            <p className="hint">Learners read the coach&apos;s notes only in the debrief, not after each choice.</p>
          ) : null}
        </aside>
      ) : null}
      {view.ending ? (
        <section aria-labelledby="moment-heading" className="stack">
          <h2 id="moment-heading" ref={headingRef} tabIndex={-1}>
            The ending: {view.ending.title}
          </h2>
          <EndingOutcome ending={view.ending} headingLevel={3} />
        </section>
      ) : view.moment ? (
        <>
          <h2 id="moment-heading" ref={headingRef} tabIndex={-1}>
            Moment {view.moves + 1}
          </h2>
          <div className="moment">
            <MomentWords moment={view.moment} />
          </div>
          <Form method="post" action={here} className="choices" aria-labelledby="choices-heading">
            <h3 id="choices-heading">{view.moment.kind === "line" ? "What do you say?" : "When you are ready"}</h3>
            <input type="hidden" name="from" value={view.from} />
            <input type="hidden" name="path" value={view.path} />
            <input type="hidden" name="version" value={page.draft.version} />
            {view.choices.length > 0 ? (
              <ChoiceButtons choices={view.choices} busy={busy} />
            ) : (
              <p>No choice is available here with the meters as they are. A learner would be stuck at this point.</p>
            )}
          </Form>
        </>
      ) : null}
      <section aria-labelledby="meters-heading" className="stack">
        <h2 id="meters-heading">Meters</h2>
        {view.meters.length === 0 ? (
          <p>This scenario has no meters.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Every meter, with its value now</caption>
              <thead>
                <tr>
                  <th scope="col">Meter</th>
                  <th scope="col">Value now</th>
                  <th scope="col">Range</th>
                  <th scope="col">The learner sees it</th>
                </tr>
              </thead>
              <tbody>
                {view.meters.map((meter) => (
                  <tr key={meter.id} id={`meter-${meter.id}`}>
                    <th scope="row">
                      {meter.label} <code>{meter.id}</code>
                    </th>
                    <td>{meter.value}</td>
                    <td>
                      {meter.min} to {meter.max}
                    </td>
                    <td>{meter.visible ? "Yes" : "No"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="path-heading" className="stack">
        <h2 id="path-heading">The path so far</h2>
        <ol className="playtest-path">
          {view.steps.map((step, index) => (
            <li key={index}>
              At <code>{step.node}</code> ({step.nodeText}):{" "}
              {step.choiceId === CONTINUE ? "carried on" : `chose “${step.says}”`}
            </li>
          ))}
          <li>
            Now at <code>{view.node}</code>
            {view.steps.length === 0 ? ", where this playtest began" : ""}
          </li>
        </ol>
      </section>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: `${page ? `Playtest: ${page.draft.title}` : "Playtest"} · Studio · Heartwork` },
];

export { ErrorBoundary } from "~/components/route-error-boundary";
