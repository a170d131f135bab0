/**
 * The OpenAI chat completions API, served by msw with the real HTTP shapes: server-sent events
 * when `stream: true` (content deltas, a finishing chunk, a usage chunk when asked, `[DONE]`),
 * a `chat.completion` object otherwise, and the API's error bodies. Replies are deterministic:
 * the persona answers with one of a few plain, kind parent lines chosen by a stable hash of the
 * practitioner's last message; a request for JSON (`response_format`) gets a coach's rubric.
 *
 * `openAiHandlers()` is the happy path (MOCKS=true and the tests). The other exports make one
 * failure each, for `server.use(...)` in a test; once they have failed `times` times they pass
 * the request on to the next handler.
 */
import { delay, http, HttpResponse, type HttpHandler } from "msw";

export const DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";

/** A fixed `created` time, so a reply is the same on every run. */
const CREATED = 1_767_225_600;

export const PERSONA_LINES = [
  "Thank you for saying that plainly. I just want to know what happens next.",
  "I hear you. It has been a long year, and I am tired of chasing people.",
  "That helps a little. Could you put it in writing, so I can read it again later?",
  "I'm worried my child will fall further behind while we wait. What can you do now?",
  "OK. I appreciate you listening. Who do I ring if it goes wrong again?",
  "Nobody has explained it to me like that before. Thank you.",
  "I'm not angry with you. I'm frightened that nothing will change.",
  "Can we agree a date to talk again, so I'm not left waiting?",
] as const;

/** The defaults a scenario's rubric starts from. */
export const DEFAULT_RUBRIC_CRITERIA = [
  "acknowledged-feelings",
  "honest-about-limits",
  "clear-without-jargon",
  "next-steps",
  "avoided-blame",
] as const;

const JUDGEMENTS = ["strong", "partly", "not yet"] as const;
type Judgement = (typeof JUDGEMENTS)[number];

const COMMENTS: Record<Judgement, string> = {
  strong: "You did this clearly, in words the parent could take in.",
  partly: "You began to do this; next time say it in one plain sentence and check it landed.",
  "not yet": "This did not come through yet. Try naming it directly, early in the conversation.",
};

type ChatMessageBody = { role?: string; content?: unknown };
type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; enum?: unknown[] };
type ChatRequestBody = {
  model?: string;
  messages?: ChatMessageBody[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean } | null;
  response_format?: { type?: string; json_schema?: { schema?: JsonSchema } };
};
type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number };

export type MockOptions = {
  baseUrl?: string;
  /** Pause between streamed tokens, so a reply appears as it is "written". */
  tokenDelayMs?: number;
};

export function chatCompletionsUrl(baseUrl = DEFAULT_OPENAI_BASE_URL): string {
  return `${baseUrl.replace(/\/+$/, "")}/chat/completions`;
}

/** The mocked API: persona lines and coach feedback, streamed or whole. */
export function openAiHandlers({ baseUrl, tokenDelayMs = 25 }: MockOptions = {}): HttpHandler[] {
  return [
    http.post(chatCompletionsUrl(baseUrl), async ({ request }) => {
      const body = (await request.json()) as ChatRequestBody;
      const text = body.response_format
        ? isDirectorRequest(body)
          ? directorReply(body)
          : coachReply(body)
        : personaReply(lastUserText(body));
      if (!body.stream) return HttpResponse.json(completion(body, text));
      return sseResponse(request.signal, streamedReply(body, text, tokenDelayMs));
    }),
  ];
}

/** The persona line the mocks give for the practitioner's last message. */
export function personaReply(lastUserMessage: string): string {
  return PERSONA_LINES[stableHash(lastUserMessage) % PERSONA_LINES.length] ?? PERSONA_LINES[0];
}

/** The tokens a reply is streamed in: each word with the space before it, as models send them. */
export function replyTokens(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

/** The mock's token count for a request: about four characters a token. */
export function promptTokens(messages: ChatMessageBody[] = []): number {
  return Math.ceil(messages.reduce((sum, message) => sum + contentText(message.content).length, 0) / 4);
}

// ---- Failures, for tests -------------------------------------------------------------------

type FailureOptions = { baseUrl?: string; times?: number };

/**
 * Answers nothing until the client gives up. With `sendHeaders` (the default) the response
 * starts (200, event stream) but no token ever comes; without, not even the headers come.
 */
export function timeoutBeforeFirstToken({
  sendHeaders = true,
  ...options
}: FailureOptions & { sendHeaders?: boolean } = {}) {
  return failing(options, async ({ request }) => {
    if (!sendHeaders) await delay("infinite");
    const nothingYet: AsyncIterator<string> = { next: () => new Promise(() => {}) };
    return sseResponse(request.signal, nothingYet);
  });
}

/** 429 Too Many Requests with `retry-after` (seconds), as the API sends it. */
export function rateLimited({
  retryAfterSeconds = 1,
  ...options
}: FailureOptions & { retryAfterSeconds?: number } = {}) {
  return failing(options, () =>
    HttpResponse.json(
      apiError("Rate limit reached for requests. Please try again later.", "requests", "rate_limit_exceeded"),
      { status: 429, headers: { "retry-after": String(retryAfterSeconds) } },
    ),
  );
}

/** A server error (500 unless told otherwise). */
export function serverError({ status = 500, ...options }: FailureOptions & { status?: number } = {}) {
  return failing(options, () =>
    HttpResponse.json(
      apiError("The server had an error while processing your request. Sorry about that!", "server_error", null),
      { status },
    ),
  );
}

/**
 * A stream that stops half-way through the reply: no finishing chunk, no usage, no `[DONE]`.
 * `abrupt` errors the body (a reset connection) rather than ending it.
 */
export function streamCutHalfWay({ abrupt = false, ...options }: FailureOptions & { abrupt?: boolean } = {}) {
  return failing(options, async ({ request }) => {
    const body = (await request.json()) as ChatRequestBody;
    const sent = replyTokens(halfOfPersonaReply(lastUserText(body)));
    return sseResponse(
      request.signal,
      (async function* () {
        yield event(chunk(body, { role: "assistant", content: "" }));
        for (const token of sent) yield event(chunk(body, { content: token }));
      })(),
      abrupt ? "reset" : "close",
    );
  });
}

/** The whole text that `streamCutHalfWay` sends before it stops. */
export function halfOfPersonaReply(lastUserMessage: string): string {
  const tokens = replyTokens(personaReply(lastUserMessage));
  return tokens.slice(0, Math.floor(tokens.length / 2)).join("");
}

/** Coach feedback that is not JSON at all: cut off in the middle of an object. */
export function malformedCoachJson(options: FailureOptions = {}) {
  return failing(options, async ({ request }) => {
    const body = (await request.json()) as ChatRequestBody;
    return HttpResponse.json(completion(body, '{"criteria": [{"id": "acknowledged-feelings", "judgement": "str'));
  });
}

function failing(
  { baseUrl, times = Number.POSITIVE_INFINITY }: FailureOptions,
  respond: (info: { request: Request }) => Response | Promise<Response>,
): HttpHandler {
  let count = 0;
  return http.post(chatCompletionsUrl(baseUrl), ({ request }) => {
    if (count >= times) return undefined;
    count++;
    return respond({ request });
  });
}

// ---- The API's shapes ----------------------------------------------------------------------

function completion(body: ChatRequestBody, text: string) {
  return {
    id: `chatcmpl-mock${stableHash(text).toString(16)}`,
    object: "chat.completion",
    created: CREATED,
    model: body.model ?? "gpt-4o-mini",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: text, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: usage(body, text),
    service_tier: "default",
    system_fingerprint: "fp_heartwork_mock",
  };
}

function chunk(
  body: ChatRequestBody,
  delta: { role?: "assistant"; content?: string },
  finishReason: "stop" | null = null,
) {
  return {
    id: "chatcmpl-mock-stream",
    object: "chat.completion.chunk",
    created: CREATED,
    model: body.model ?? "gpt-4o-mini",
    system_fingerprint: "fp_heartwork_mock",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(body.stream_options?.include_usage ? { usage: null } : {}),
  };
}

async function* streamedReply(body: ChatRequestBody, text: string, tokenDelayMs: number): AsyncGenerator<string> {
  yield event(chunk(body, { role: "assistant", content: "" }));
  for (const token of replyTokens(text)) {
    if (tokenDelayMs > 0) await delay(tokenDelayMs);
    yield event(chunk(body, { content: token }));
  }
  yield event(chunk(body, {}, "stop"));
  if (body.stream_options?.include_usage) yield event({ ...chunk(body, {}), choices: [], usage: usage(body, text) });
  yield "data: [DONE]\n\n";
}

function usage(body: ChatRequestBody, text: string): Usage {
  const prompt = promptTokens(body.messages);
  const completionTokens = replyTokens(text).length;
  return { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens };
}

function apiError(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

function event(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

/**
 * Server-sent events, sent as the reader asks for them. Like a real connection, the body fails
 * with an AbortError when the client aborts; at the end it closes, or with "reset" it fails as
 * a dropped connection does.
 */
function sseResponse(signal: AbortSignal, events: AsyncIterator<string>, end: "close" | "reset" = "close"): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const abort = () => controller.error(new DOMException("The operation was aborted.", "AbortError"));
        signal.addEventListener("abort", abort, { once: true });
      },
      async pull(controller) {
        const next = await events.next();
        if (signal.aborted) return;
        if (!next.done) controller.enqueue(encoder.encode(next.value));
        else if (end === "reset") controller.error(new TypeError("terminated: other side closed"));
        else controller.close();
      },
      // Nothing is made before it is read, so a reset loses nothing that was "sent".
    },
    { highWaterMark: 0 },
  );
  return new HttpResponse(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" },
  });
}

// ---- Deterministic replies -----------------------------------------------------------------

/**
 * Feedback on each criterion the request's schema names (an `enum` on `criteria[].id`), or on
 * the default rubric; quotes are whole sentences from the practitioner's last message.
 */
/** The director step asks for a moment of the scenario: its schema lists the node ids it may name. */
function isDirectorRequest(body: ChatRequestBody): boolean {
  return Array.isArray(body.response_format?.json_schema?.schema?.properties?.nodeId?.enum);
}

/** Moves one moment on per practitioner turn, in the order the schema lists them, and ends after three. */
export const MOCK_TURNS_BEFORE_ENDING = 3;

function directorReply(body: ChatRequestBody): string {
  const ids = (body.response_format?.json_schema?.schema?.properties?.nodeId?.enum ?? []).filter(
    (id): id is string => typeof id === "string",
  );
  const turns = (lastUserText(body).match(/"speaker":\s*"practitioner"/g) ?? []).length;
  const ending = turns >= MOCK_TURNS_BEFORE_ENDING;
  const nodeId = ids[Math.min(turns, ids.length - 1)] ?? "";
  return JSON.stringify({
    nodeId,
    ending,
    reason: ending ? "The practitioner has agreed next steps." : "The conversation moves on.",
  });
}

function coachReply(body: ChatRequestBody): string {
  const transcript = lastUserText(body);
  const sentences = transcript
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
  const schemaIds = body.response_format?.json_schema?.schema?.properties?.criteria?.items?.properties?.id?.enum;
  const ids = schemaIds?.every((id) => typeof id === "string") ? schemaIds : DEFAULT_RUBRIC_CRITERIA;
  const criteria = ids.map((id) => {
    const hash = stableHash(`${id}\n${transcript}`);
    const judgement = JUDGEMENTS[hash % JUDGEMENTS.length] ?? "partly";
    const quote = sentences[hash % Math.max(sentences.length, 1)];
    return { id, judgement, comment: COMMENTS[judgement], quotes: judgement === "not yet" || !quote ? [] : [quote] };
  });
  return JSON.stringify({ criteria });
}

function lastUserText(body: ChatRequestBody): string {
  const messages = body.messages ?? [];
  const last = messages.filter((message) => message.role === "user").at(-1);
  return contentText(last?.content);
}

/** A message's text, whether it is a string or an array of content parts. */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part: { type?: string; text?: string }) => (part.type === "text" ? (part.text ?? "") : ""))
    .join("");
}

/** FNV-1a: the same text gives the same number on every machine and every run. */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
