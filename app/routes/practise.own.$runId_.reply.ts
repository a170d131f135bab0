import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { SaySchema, STALE_MESSAGE, type ReplyEvent } from "~/domain/roleplay";
import { getOwnWordsRun } from "~/models/roleplay.server";
import { requireUserWithPermission } from "~/services/auth.server";
import { readFormData } from "~/services/form.server";
import { takeOwnWordsTurn } from "~/services/roleplay.server";

/**
 * The same turn as the conversation page's form, for the page's script: the parent's answer is
 * streamed as it is written, one JSON object per line (`ReplyEvent`), ending with `done` or
 * `error`. Without JavaScript the page's own form is used and the answer appears when complete.
 */

export async function loader({ params }: LoaderFunctionArgs) {
  // Nothing to show here: the conversation is on its page.
  throw redirect(`/practise/own/${encodeURIComponent(params.runId ?? "")}`);
}

const line = (event: ReplyEvent) => `${JSON.stringify(event)}\n`;

function single(event: ReplyEvent, status: number): Response {
  return new Response(line(event), { status, headers: { "Content-Type": "application/x-ndjson; charset=utf-8" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:practice:own");
  const run = await getOwnWordsRun(user.id, params.runId ?? "");
  if (!run) return single({ error: "This conversation was not found.", status: 404 }, 404);
  let formData: FormData;
  try {
    formData = await readFormData(request);
  } catch {
    // The page's script always sends a well-formed form; anything else gets the same plain line.
    return single({ error: "The reply could not be read. Reload the page and send it again.", status: 400 }, 400);
  }
  const submission = parseWithZod(formData, { schema: SaySchema });
  if (submission.status !== "success") {
    const messages = Object.values(submission.error ?? {})
      .flat()
      .filter(Boolean);
    return single({ error: messages.join(" ") || "Write what you would say.", status: 400 }, 400);
  }
  if (run.status !== "in-progress") return single({ error: "This conversation has ended.", status: 409 }, 409);
  if (submission.value.turn !== run.stepCount) return single({ error: STALE_MESSAGE, status: 409 }, 409);

  const encoder = new TextEncoder();
  const typed = submission.value.reply;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: ReplyEvent) => controller.enqueue(encoder.encode(line(event)));
      try {
        const outcome = await takeOwnWordsTurn(run, typed, new Date(), {
          onToken: (token) => send({ token }),
          signal: request.signal,
        });
        if (outcome.status === "answered") send({ done: true, ended: outcome.ended, removed: outcome.removed });
        else if (outcome.status === "stale") send({ error: STALE_MESSAGE, status: 409 });
        else
          send({
            error: `${outcome.message} What you wrote is still in the box. You can also play the scripted version.`,
            status: 503,
          });
      } catch (error) {
        console.error("An own-words turn failed:", error);
        send({
          error: "Something went wrong on our side. What you wrote is still in the box: try again.",
          status: 500,
        });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      // Compression would hold the pieces back until the end.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
