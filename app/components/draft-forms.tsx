import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatDateTime } from "~/domain/format";

/** What the form pages of a draft know about the draft itself (see draftSummary). */
export type DraftOnPage = {
  id: string;
  slug: string;
  title: string;
  version: number;
  problems: { text: string; line: number; nodeId: string | null; part: "people" | "details" | null }[] | null;
  nodes: string[];
};

export type ConflictOnPage = {
  updatedBy: string;
  updatedAt: string | Date;
  version: number;
  theirs: [string, string][];
};

export const draftPath = (draftId: string) => `/studio/drafts/${draftId}`;
export const nodePath = (draftId: string, nodeId: string) =>
  `/studio/drafts/${draftId}/nodes/${encodeURIComponent(nodeId)}`;

/**
 * The frame of every form page of a draft: where you are, the form, and beside it the whole
 * draft's checker problems, each linking to the form of the node it concerns.
 */
export function DraftFormPage({
  draft,
  heading,
  crumbs = [],
  children,
}: {
  draft: DraftOnPage;
  heading: string;
  crumbs?: { to: string; label: string }[];
  children: ReactNode;
}) {
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb">
        <p>
          <Link to="/studio">Studio</Link> › <Link to={draftPath(draft.id)}>{draft.title}</Link>
          {crumbs.map((crumb) => (
            <span key={crumb.to}>
              {" "}
              › <Link to={crumb.to}>{crumb.label}</Link>
            </span>
          ))}
        </p>
      </nav>
      <p className="eyebrow">
        Draft · <code>{draft.slug}.yaml</code>
      </p>
      <h1>{heading}</h1>
      <div className="draft-editing">
        <div className="stack">{children}</div>
        <div className="stack">
          <CheckerProblems draft={draft} />
          <NodeList draft={draft} />
        </div>
      </div>
    </div>
  );
}

type ProblemOnPage = NonNullable<DraftOnPage["problems"]>[number];

/** The form a problem is fixed in; a problem of no part goes to its line in the draft's source. */
function problemHref(draftId: string, problem: ProblemOnPage): string {
  if (problem.nodeId) return nodePath(draftId, problem.nodeId);
  if (problem.part) return `${draftPath(draftId)}/${problem.part}`;
  return `${draftPath(draftId)}#line-${problem.line}`;
}

function problemPlace(problem: ProblemOnPage): string {
  if (problem.nodeId) return `node ${problem.nodeId}`;
  if (problem.part === "people") return "people and meters";
  if (problem.part === "details") return "details";
  return `line ${problem.line} of the source`;
}

function CheckerProblems({ draft }: { draft: DraftOnPage }) {
  const { problems } = draft;
  return (
    <section aria-labelledby="checker-heading" className="stack draft-editing__checker">
      <h2 id="checker-heading">What the checker found</h2>
      {problems === null ? (
        <p>The checker could not run, because the skills vocabulary could not be read.</p>
      ) : problems.length === 0 ? (
        <p>The checker found no problems.</p>
      ) : (
        <>
          <p className="hint">Saving is never blocked by these: fix them in any order.</p>
          <ul className="problem-list">
            {problems.map((problem, index) => (
              <li key={index}>
                <a href={problemHref(draft.id, problem)}>
                  <code>{problem.text}</code>
                </a>
                <span className="hint"> ({problemPlace(problem)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function NodeList({ draft }: { draft: DraftOnPage }) {
  const base = draftPath(draft.id);
  return (
    <nav aria-labelledby="parts-heading" className="stack">
      <h2 id="parts-heading">Parts of the draft</h2>
      <ul className="actions-list">
        <li>
          <Link to={`${base}/details`}>Edit details</Link>
        </li>
        <li>
          <Link to={`${base}/people`}>People and meters</Link>
        </li>
        {draft.nodes.map((id, i) => (
          <li key={`${i}-${id}`}>
            <Link to={nodePath(draft.id, id)}>Node {id}</Link>
          </li>
        ))}
        <li>
          <Link to={`${base}/new-node`}>Add a node</Link>
        </li>
      </ul>
    </nav>
  );
}

/** Shown when the draft's YAML is beyond what the forms can edit without losing anything. */
export function NotEditable({ draftId, reason }: { draftId: string; reason: string }) {
  return (
    <div className="notice" role="status">
      <h2>This draft cannot be edited in forms</h2>
      <p>
        The forms cannot edit this draft, because {reason}. Nothing has been changed. Open{" "}
        <Link to={`${draftPath(draftId)}#editor-heading`}>the draft&apos;s source editor</Link> to change it there; once
        it reads as a scenario file, the forms work again.
      </p>
    </div>
  );
}

/** Another trainer saved first: who and when, and their values of the part being edited. */
export function ConflictNotice({ conflict }: { conflict: ConflictOnPage | null | undefined }) {
  if (!conflict) return null;
  return (
    <section className="notice" role="alert" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">Another trainer saved this draft first</h2>
      <p>
        {conflict.updatedBy} saved it on {formatDateTime(new Date(conflict.updatedAt))}, after you opened this page.
        Your changes have not been saved: what you typed is still in the form. Their values are below. Save again to
        replace them with yours.
      </p>
      {conflict.theirs.length ? (
        <dl className="conflict-values">
          {conflict.theirs.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value || "(empty)"}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>In their version, this part of the draft no longer exists.</p>
      )}
    </section>
  );
}

/** The version the form was loaded at; after a conflict, the version just seen, so a second save is a choice. */
export function VersionField({ version, conflict }: { version: number; conflict: ConflictOnPage | null | undefined }) {
  const value = conflict?.version ?? version;
  return <input type="hidden" name="version" value={value} key={value} />;
}

/** On the draft page: the ways into the forms, for trainers. */
export function FormLinks({ draftId }: { draftId: string }) {
  const base = draftPath(draftId);
  return (
    <nav aria-label="Edit in forms">
      <ul className="actions-list">
        <li>
          <Link to={`${base}/details`}>Edit details</Link>
        </li>
        <li>
          <Link to={`${base}/people`}>People and meters</Link>
        </li>
        <li>
          <Link to={`${base}/new-node`}>Add a node</Link>
        </li>
      </ul>
    </nav>
  );
}
