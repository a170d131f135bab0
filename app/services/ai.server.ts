/**
 * The language-model provider behind "practise in your own words": the persona's streamed
 * replies and the coach's structured feedback, through the `openai` SDK against OpenAI or any
 * compatible service (OPENAI_BASE_URL). Every failure becomes an `AiError` whose message can be
 * shown to the practitioner as it is.
 *
 * Time bounds. A reply that has not started within 20 s is abandoned. The SDK's own `timeout`
 * cannot say that: it is per attempt and stops at the response headers, so it covers neither the
 * wait for the first token of a stream nor the SDK's sleep before a retry. So each call starts
 * its own AbortController when it begins, passes it to the SDK as `signal`, and clears it on the
 * first token (or, for a reply that is not streamed, when the whole reply is in).
 *
 * Retries. The SDK retries once (`maxRetries: 1`) on a connection error, 408, 409, 429 and 5xx,
 * and before the retry it sleeps for `retry-after-ms` or `retry-after` if given. It sets no
 * upper limit on that sleep (openai 6.49), and the sleep does not listen to the abort signal,
 * so `providerFetch` stops the SDK retrying a 429 whose wait would run past the call's
 * deadline: it then fails at once as "rate-limited".
 */
import OpenAI, { APIConnectionTimeoutError, APIError } from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import type { z } from "zod";
import { getEnv, type Env } from "./env.server";

/** A reply that has not started by then is abandoned. */
export const FIRST_TOKEN_TIMEOUT_MS = 20_000;
/** A reply that is not streamed shows nothing until it is whole, so it gets longer to finish. */
export const WHOLE_REPLY_TIMEOUT_MS = 60_000;
/** The SDK needs a key to build a request; msw answers whatever it is. */
const MOCK_API_KEY = "heartwork-mocks";

export type AiErrorCode = "timeout" | "rate-limited" | "unavailable" | "stream-cut" | "malformed" | "off";

const AI_ERROR_MESSAGES: Record<AiErrorCode, string> = {
  timeout:
    "The practice partner took too long to answer. Your conversation is saved; try again or switch to the scripted version.",
  "rate-limited":
    "The practice partner is busy just now. Your conversation is saved; wait a minute and try again, or switch to the scripted version.",
  unavailable:
    "The practice partner cannot be reached at the moment. Your conversation is saved; try again later or switch to the scripted version.",
  "stream-cut":
    "The practice partner's reply was cut off part-way. Your conversation is saved; try again or switch to the scripted version.",
  malformed:
    "The feedback came back in a form Heartwork could not read, even on a second try. Your conversation is saved; try again later.",
  off: "Practice in your own words is not switched on here: an administrator can enable it by setting an OpenAI key for Heartwork. The scripted version is ready to use.",
};

export type TokenUsage = { input: number; output: number };

export class AiError extends Error {
  override name = "AiError";
  readonly code: AiErrorCode;
  /** What had arrived of a streamed reply before it failed ("" if nothing). */
  readonly partialText: string;
  /** Tokens spent on attempts that failed after the provider answered, where known. */
  readonly usage: TokenUsage | undefined;

  constructor(code: AiErrorCode, options: { partialText?: string; usage?: TokenUsage; cause?: unknown } = {}) {
    super(AI_ERROR_MESSAGES[code], { cause: options.cause });
    this.code = code;
    this.partialText = options.partialText ?? "";
    this.usage = options.usage;
  }
}

export type AiAvailability = "off" | "ready";

/** "ready" when a key is set or MOCKS serves the API; an organisation's own switch is separate. */
export function aiAvailability(env: Pick<Env, "OPENAI_API_KEY" | "MOCKS"> = getEnv()): AiAvailability {
  return env.OPENAI_API_KEY || env.MOCKS ? "ready" : "off";
}

export type AiClientOptions = {
  /** Each attempt's wait for response headers (the SDK's `timeout`). */
  timeoutMs?: number;
  /** Epoch ms after which a 429 is not retried if its retry-after would end later. */
  deadline?: number;
};

export function createAiClient({
  timeoutMs = FIRST_TOKEN_TIMEOUT_MS,
  deadline = Date.now() + timeoutMs,
}: AiClientOptions = {}): OpenAI {
  const env = getEnv();
  if (aiAvailability(env) === "off") throw new AiError("off");
  return new OpenAI({
    apiKey: env.MOCKS ? MOCK_API_KEY : env.OPENAI_API_KEY,
    baseURL: env.OPENAI_BASE_URL,
    maxRetries: 1,
    timeout: timeoutMs,
    fetch: providerFetch(deadline),
  });
}

export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

export type StreamChatOptions = {
  model: string;
  messages: ChatMessage[];
  /** Aborted when the practitioner goes away; the call then ends as "stream-cut". */
  signal?: AbortSignal;
  onToken?: (token: string) => void;
  firstTokenTimeoutMs?: number;
};

export type ChatReply = { text: string; usage: TokenUsage };

/** Streams one reply, token by token, and returns it whole with the tokens it cost. */
export async function streamChat({
  model,
  messages,
  signal,
  onToken,
  firstTokenTimeoutMs = FIRST_TOKEN_TIMEOUT_MS,
}: StreamChatOptions): Promise<ChatReply> {
  const deadline = startDeadline(firstTokenTimeoutMs, signal);
  let text = "";
  let usage: TokenUsage = { input: 0, output: 0 };
  let finished = false;
  try {
    const client = createAiClient({ timeoutMs: firstTokenTimeoutMs, deadline: deadline.endsAt });
    const stream = await client.chat.completions
      .create(
        { model, messages, stream: true, stream_options: { include_usage: true }, store: false },
        { signal: deadline.signal },
      )
      .catch((error: unknown) => {
        throw toAiError(error, deadline.abandoned());
      });
    // The SDK ends the iteration quietly when the signal aborts, so a timeout or the caller
    // going away shows up below as a stream that never finished.
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      const token = choice?.delta?.content;
      if (token) {
        deadline.clear();
        text += token;
        onToken?.(token);
      }
      if (choice?.finish_reason) finished = true;
      if (chunk.usage) usage = { input: chunk.usage.prompt_tokens, output: chunk.usage.completion_tokens };
    }
  } catch (error) {
    if (error instanceof AiError) throw error;
    throw new AiError(deadline.expired() ? "timeout" : "stream-cut", { partialText: text, cause: error });
  } finally {
    deadline.clear();
  }
  if (deadline.expired()) throw new AiError("timeout", { partialText: text });
  if (!finished) throw new AiError("stream-cut", { partialText: text });
  return { text, usage };
}

export type CompleteJsonOptions<T> = {
  model: string;
  messages: ChatMessage[];
  schema: z.ZodType<T>;
  /** The name the provider sees for the schema (letters, digits, _ and -). */
  schemaName?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
};

/**
 * Asks for a reply in the shape of `schema` (structured output), and checks it with zod.
 * A reply that does not parse is asked for once more; a second one ends as "malformed".
 */
export async function completeJson<T>({
  model,
  messages,
  schema,
  schemaName = "reply",
  signal,
  timeoutMs = WHOLE_REPLY_TIMEOUT_MS,
}: CompleteJsonOptions<T>): Promise<{ value: T; usage: TokenUsage }> {
  const usage: TokenUsage = { input: 0, output: 0 };
  let lastProblem: unknown;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const deadline = startDeadline(timeoutMs, signal);
    let content: string | null | undefined;
    try {
      const client = createAiClient({ timeoutMs, deadline: deadline.endsAt });
      const completion = await client.chat.completions.create(
        { model, messages, store: false, response_format: zodResponseFormat(schema, schemaName) },
        { signal: deadline.signal },
      );
      content = completion.choices[0]?.message.content;
      usage.input += completion.usage?.prompt_tokens ?? 0;
      usage.output += completion.usage?.completion_tokens ?? 0;
    } catch (error) {
      throw toAiError(error, deadline.abandoned());
    } finally {
      deadline.clear();
    }
    const parsed = parseJson(content, schema);
    if (parsed.success) return { value: parsed.data, usage };
    lastProblem = parsed.error;
  }
  throw new AiError("malformed", { usage, cause: lastProblem });
}

function parseJson<T>(content: string | null | undefined, schema: z.ZodType<T>) {
  let json: unknown;
  try {
    json = JSON.parse(content ?? "");
  } catch (error) {
    return { success: false as const, error };
  }
  return schema.safeParse(json);
}

/** One call's bound: aborts `signal` after `ms` unless cleared; also follows the caller's signal. */
function startDeadline(ms: number, callerSignal: AbortSignal | undefined) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`No reply within ${ms} ms`)), ms);
  return {
    endsAt: Date.now() + ms,
    signal: callerSignal ? AbortSignal.any([callerSignal, controller.signal]) : controller.signal,
    clear: () => clearTimeout(timer),
    expired: () => controller.signal.aborted,
    /** Why the call was abandoned, if it was: too slow, or the caller went away. */
    abandoned: (): "timeout" | "stream-cut" | undefined =>
      controller.signal.aborted ? "timeout" : callerSignal?.aborted ? "stream-cut" : undefined,
  };
}

function toAiError(error: unknown, abandoned: "timeout" | "stream-cut" | undefined): AiError {
  if (error instanceof AiError) return error;
  if (abandoned) return new AiError(abandoned, { cause: error });
  if (error instanceof APIConnectionTimeoutError) return new AiError("timeout", { cause: error });
  // A 429 for an exhausted quota will not clear in a minute: that is the service being unavailable.
  if (error instanceof APIError && error.status === 429 && error.code !== "insufficient_quota") {
    return new AiError("rate-limited", { cause: error });
  }
  // 5xx, network failures, and anything else the provider refused (a wrong key or model name).
  return new AiError("unavailable", { cause: error });
}

/**
 * The SDK's fetch, changed only for error responses (a few hundred bytes of JSON):
 * - a 429 whose wait would end after `deadline` is marked `x-should-retry: false`, which the SDK
 *   obeys, so it fails at once instead of sleeping past the bound;
 * - the body is read here, because the SDK cancels it before a retry, and msw 2.x (MOCKS and the
 *   tests) never settles that cancel (mswjs/interceptors#799, fixed only in msw 3).
 */
function providerFetch(deadline: number): typeof fetch {
  return async (input, init) => {
    // Looked up on each call, so msw (which replaces the global fetch) answers when MOCKS=true.
    const response = await globalThis.fetch(input, init);
    if (response.ok || response.body === null) return response;
    const headers = new Headers(response.headers);
    if (response.status === 429 && Date.now() + retryAfterMs(headers) >= deadline) {
      headers.set("x-should-retry", "false");
    }
    const body = await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** The wait a 429 asks for, read as the SDK reads it; about the SDK's own backoff when none. */
function retryAfterMs(headers: Headers): number {
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (ms > 0) return ms;
  const value = headers.get("retry-after") ?? "";
  const seconds = Number.parseFloat(value);
  if (!Number.isNaN(seconds)) return seconds * 1_000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? 1_000 : date - Date.now();
}
