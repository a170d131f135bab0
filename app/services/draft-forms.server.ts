import { redirect } from "@remix-run/node";
import { checkScenarioSource, formatProblem } from "~/domain/scenario";
import { nodeIds, partOfLine, readDraft, writeDraft, type DraftDocument } from "~/domain/scenario/edit";
import { getDraft, saveDraft } from "~/models/scenario-draft.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { flashCookie } from "~/services/flash.server";
import { loadCheckContext } from "~/services/scenario-library.server";

/**
 * What every form page of a draft shares: the trainer, the draft of their organisation (another
 * organisation's is 404), the document the forms edit, the checker's problems linked to nodes,
 * and a save that refuses to overwrite a newer version.
 */
export async function draftForForms(request: Request, draftId: string | undefined) {
  const user = await requireUserWithPermission(request, "write:scenario:any");
  const draft = draftId && draftId.length <= 40 ? await getDraft(user.organisation.id, draftId) : null;
  if (!draft) throw new Response("Not found", { status: 404 });
  return { user, draft, read: readDraft(draft.source) };
}

/** A checker problem with the form it is fixed in: a node's, "people", "details", or none. */
export type DraftProblem = { text: string; line: number; nodeId: string | null; part: "people" | "details" | null };

/** The whole draft's checker problems, each with the node it concerns when there is one. */
export async function draftProblems(source: string, slug: string): Promise<DraftProblem[] | null> {
  const { context } = await loadCheckContext();
  if (!context) return null;
  const { problems } = checkScenarioSource(source, `${slug}.yaml`, context);
  const partOf = partOfLine(source);
  return problems.map((problem) => {
    const part = partOf(problem.line);
    return {
      text: formatProblem(problem),
      line: problem.line,
      nodeId: typeof part === "object" ? part.node : null,
      part: typeof part === "string" ? part : null,
    };
  });
}

/** What the loader of each form page returns about the draft itself. */
export async function draftSummary(draft: {
  id: string;
  slug: string;
  title: string;
  source: string;
  version: number;
}) {
  const read = readDraft(draft.source);
  return {
    id: draft.id,
    slug: draft.slug,
    title: draft.title,
    version: draft.version,
    problems: await draftProblems(draft.source, draft.slug),
    nodes: read.ok ? nodeIds(read.document) : [],
  };
}

export type Conflict = { updatedBy: string; updatedAt: Date; version: number; theirs: [string, string][] };

/**
 * Writes the changed document, if nobody saved since `expectedVersion`. On a conflict nothing is
 * saved: the route answers 409 with what was typed, who saved first and their values of this part.
 */
export async function saveDocument(input: {
  draftId: string;
  organisationId: string;
  userId: string;
  expectedVersion: number;
  document: DraftDocument;
  header: string | undefined;
  /** This part's fields as the other trainer left them, label first. */
  theirs: (document: DraftDocument | null) => [string, string][];
}): Promise<{ status: "saved" } | { status: "conflict"; message: string; conflict: Conflict }> {
  const saved = await saveDraft({
    id: input.draftId,
    organisationId: input.organisationId,
    userId: input.userId,
    expectedVersion: input.expectedVersion,
    source: writeDraft(input.document, input.header),
  });
  if (saved.status === "not-found") throw new Response("Not found", { status: 404 });
  if (saved.status === "saved") return { status: "saved" };
  const { current } = saved;
  const read = readDraft(current.source);
  return {
    status: "conflict",
    message: `Not saved: ${current.updatedBy} saved this draft after you opened this page.`,
    conflict: {
      updatedBy: current.updatedBy,
      updatedAt: current.updatedAt,
      version: current.version,
      theirs: input.theirs(read.ok ? read.document : null),
    },
  };
}

/** The page to go back to after a save, with the message the next page shows. */
export async function savedRedirect(to: string, message: string) {
  return redirect(to, { headers: { "Set-Cookie": await flashCookie({ kind: "success", message }) } });
}

/** `new`, or the 1-based place of an item in a list of `length`; anything else is 404. */
export function itemIndex(param: string | undefined, length: number): number | null {
  if (param === "new") return null;
  const place = /^[1-9][0-9]{0,3}$/.test(param ?? "") ? Number(param) : 0;
  if (place < 1 || place > length) throw new Response("Not found", { status: 404 });
  return place - 1;
}
