import type { SubmissionResult } from "@conform-to/react";
import { data, redirect } from "@remix-run/node";
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

type Reply = (options?: {
  formErrors?: string[];
  fieldErrors?: Record<string, string[]>;
}) => SubmissionResult<string[]>;

/**
 * The end of a part's form (a persona, a meter, a choice) once its fields are valid: refused when
 * the draft cannot be edited in forms or the id is taken by another item of the same list, refused
 * with the other trainer's values on a conflict, otherwise saved and redirected with a message.
 */
export async function savePart(input: {
  reply: Reply;
  user: { id: string; organisation: { id: string } };
  draftId: string;
  read: ReturnType<typeof readDraft>;
  version: number;
  /** The message when another item of the same list already has this id; null when it is free. */
  idTaken: string | null;
  change: (document: DraftDocument) => DraftDocument;
  theirs: (document: DraftDocument | null) => [string, string][];
  redirectTo: string;
  message: string;
}) {
  const { reply, read } = input;
  if (!read.ok) return data({ result: reply({ formErrors: [read.reason] }), conflict: null }, { status: 400 });
  if (input.idTaken)
    return data({ result: reply({ fieldErrors: { id: [input.idTaken] } }), conflict: null }, { status: 400 });
  const saved = await saveDocument({
    draftId: input.draftId,
    organisationId: input.user.organisation.id,
    userId: input.user.id,
    expectedVersion: input.version,
    document: input.change(read.document),
    header: read.header,
    theirs: input.theirs,
  });
  if (saved.status === "conflict") {
    return data({ result: reply({ formErrors: [saved.message] }), conflict: saved.conflict }, { status: 409 });
  }
  throw await savedRedirect(input.redirectTo, input.message);
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
