import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  chatCompletionsUrl,
  halfOfPersonaReply,
  malformedCoachJson,
  openAiHandlers,
  personaReply,
  promptTokens,
  rateLimited,
  replyTokens,
  serverError,
  streamCutHalfWay,
  timeoutBeforeFirstToken,
} from "../mocks/openai";
import { AiError, aiAvailability, completeJson, streamChat, type ChatMessage } from "~/services/ai.server";
import { parseEnv } from "~/services/env.server";

// The provider is msw in this process: no app server, no network (an unhandled request fails).
const BASE_URL = "https://models.heartwork.test/v1";
const API_KEY = "sk-test-heartwork";
const server = setupServer(...openAiHandlers({ baseUrl: BASE_URL, tokenDelayMs: 2 }));

beforeAll(() => {
  vi.stubEnv("OPENAI_API_KEY", API_KEY);
  vi.stubEnv("OPENAI_BASE_URL", BASE_URL);
  vi.stubEnv("MOCKS", "false");
  server.listen({ onUnhandledRequest: "error" });
});
afterEach(() => server.resetHandlers());
afterAll(() => {
  server.close();
  vi.unstubAllEnvs();
});

const conversation: ChatMessage[] = [
  { role: "system", content: "You are Sam's mum, Jo. Stay in character." },
  { role: "assistant", content: "Nobody has told me anything about the assessment." },
  { role: "user", content: "I'm sorry you've been left waiting. The report is late, and that's on us." },
];
const lastUserMessage = conversation[2]!.content;

const CRITERIA = ["acknowledged-feelings", "honest-about-limits", "next-steps"] as const;
const rubricFeedback = z.object({
  criteria: z.array(
    z.object({
      id: z.enum(CRITERIA),
      judgement: z.enum(["strong", "partly", "not yet"]),
      comment: z.string(),
      quotes: z.array(z.string()),
    }),
  ),
});
const coachMessages: ChatMessage[] = [
  { role: "system", content: "Give feedback against the rubric." },
  { role: "user", content: "I'm sorry you've been left waiting. I will ring you on Friday with a date." },
];

/** Records each request the provider receives, then lets the other handlers answer it. */
function recordRequests() {
  const seen: { headers: Headers; body: Record<string, unknown> }[] = [];
  server.use(
    http.post(chatCompletionsUrl(BASE_URL), async ({ request }) => {
      seen.push({ headers: request.headers, body: (await request.clone().json()) as Record<string, unknown> });
    }),
  );
  return seen;
}

async function failure(promise: Promise<unknown>): Promise<AiError> {
  const error = await promise.then(
    () => expect.unreachable("the call should have failed"),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AiError);
  return error as AiError;
}

describe("availability", () => {
  it("is off without a key, and ready with one or with MOCKS", () => {
    expect(aiAvailability(parseEnv({}))).toBe("off");
    expect(aiAvailability(parseEnv({ OPENAI_API_KEY: "sk-x" }))).toBe("ready");
    expect(aiAvailability(parseEnv({ MOCKS: "true" }))).toBe("ready");
  });

  it("refuses plainly, without a request, when the mode is off", async () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    vi.resetModules(); // a fresh environment, read without the key
    const seen = recordRequests();
    const off = await import("~/services/ai.server");
    const error = await off.streamChat({ model: "m", messages: conversation }).catch((reason: unknown) => reason);
    vi.stubEnv("OPENAI_API_KEY", API_KEY);
    expect(error).toMatchObject({ name: "AiError", code: "off", message: expect.stringMatching(/administrator/) });
    expect(seen).toHaveLength(0);
  });
});

describe("streamChat", () => {
  it("asks for a stream with usage, not stored, from the configured service with the key", async () => {
    const seen = recordRequests();
    await streamChat({ model: "persona-model", messages: conversation });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toEqual({
      model: "persona-model",
      messages: conversation,
      stream: true,
      stream_options: { include_usage: true },
      store: false,
    });
    expect(seen[0]!.headers.get("authorization")).toBe(`Bearer ${API_KEY}`);
  });

  it("passes each token on in order, then the whole reply and its usage", async () => {
    const tokens: string[] = [];
    const reply = await streamChat({ model: "persona-model", messages: conversation, onToken: (t) => tokens.push(t) });
    const expected = personaReply(lastUserMessage);
    expect(tokens).toEqual(replyTokens(expected));
    expect(tokens.length).toBeGreaterThan(3);
    expect(reply.text).toBe(expected);
    expect(reply.usage).toEqual({ input: promptTokens(conversation), output: tokens.length });
  });

  it("gives the same persona line for the same words", async () => {
    const first = await streamChat({ model: "m", messages: conversation });
    const second = await streamChat({ model: "m", messages: conversation });
    expect(second.text).toBe(first.text);
  });

  it("abandons a reply that has not started in time (headers sent, no token)", async () => {
    server.use(timeoutBeforeFirstToken({ baseUrl: BASE_URL }));
    const seen = recordRequests();
    const started = Date.now();
    const error = await failure(streamChat({ model: "m", messages: conversation, firstTokenTimeoutMs: 300 }));
    const elapsed = Date.now() - started;
    expect(error.code).toBe("timeout");
    expect(error.message).toMatch(/took too long to answer.*conversation is saved.*scripted version/);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_500);
    expect(seen).toHaveLength(1);
  });

  it("abandons a reply whose response never starts at all", async () => {
    server.use(timeoutBeforeFirstToken({ baseUrl: BASE_URL, sendHeaders: false }));
    const started = Date.now();
    const error = await failure(streamChat({ model: "m", messages: conversation, firstTokenTimeoutMs: 300 }));
    expect(error.code).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("waits as long as a 429's retry-after asks, then succeeds", async () => {
    server.use(rateLimited({ baseUrl: BASE_URL, retryAfterSeconds: 1, times: 1 }));
    const seen = recordRequests();
    const started = Date.now();
    const reply = await streamChat({ model: "m", messages: conversation });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen).toHaveLength(2);
    expect(reply.text).toBe(personaReply(lastUserMessage));
  });

  it("does not wait for a retry-after that would end after the reply's deadline", async () => {
    server.use(rateLimited({ baseUrl: BASE_URL, retryAfterSeconds: 30 }));
    const seen = recordRequests();
    const started = Date.now();
    const error = await failure(streamChat({ model: "m", messages: conversation }));
    expect(error.code).toBe("rate-limited");
    expect(error.message).toMatch(/busy/);
    expect(seen).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("reports a server error as unavailable after the SDK's one retry", async () => {
    server.use(serverError({ baseUrl: BASE_URL }));
    const seen = recordRequests();
    const error = await failure(streamChat({ model: "m", messages: conversation }));
    expect(error.code).toBe("unavailable");
    expect(error.message).toMatch(/cannot be reached/);
    expect(seen).toHaveLength(2);
  });

  it("reports a stream that ends half-way as cut, keeping what arrived", async () => {
    server.use(streamCutHalfWay({ baseUrl: BASE_URL }));
    const tokens: string[] = [];
    const error = await failure(streamChat({ model: "m", messages: conversation, onToken: (t) => tokens.push(t) }));
    expect(error.code).toBe("stream-cut");
    expect(error.partialText).toBe(halfOfPersonaReply(lastUserMessage));
    expect(error.partialText.length).toBeGreaterThan(0);
    expect(tokens.join("")).toBe(error.partialText);
  });

  it("reports a connection reset mid-stream as cut, keeping what arrived", async () => {
    server.use(streamCutHalfWay({ baseUrl: BASE_URL, abrupt: true }));
    const error = await failure(streamChat({ model: "m", messages: conversation }));
    expect(error.code).toBe("stream-cut");
    expect(error.partialText).toBe(halfOfPersonaReply(lastUserMessage));
  });

  it("stops when the practitioner goes away, keeping what arrived", async () => {
    const leaving = new AbortController();
    const error = await failure(
      streamChat({ model: "m", messages: conversation, signal: leaving.signal, onToken: () => leaving.abort() }),
    );
    expect(error.code).toBe("stream-cut");
    expect(error.partialText).toBe(replyTokens(personaReply(lastUserMessage))[0]);
  });
});

describe("completeJson", () => {
  it("asks for structured output, not stored, and returns the parsed feedback with usage", async () => {
    const seen = recordRequests();
    const { value, usage } = await completeJson({
      model: "coach-model",
      messages: coachMessages,
      schema: rubricFeedback,
      schemaName: "rubric_feedback",
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toMatchObject({
      model: "coach-model",
      messages: coachMessages,
      store: false,
      response_format: { type: "json_schema", json_schema: { name: "rubric_feedback", strict: true } },
    });
    expect(seen[0]!.body.stream).toBeUndefined();
    expect(value.criteria.map((criterion) => criterion.id)).toEqual(CRITERIA);
    for (const criterion of value.criteria) {
      for (const quote of criterion.quotes) expect(coachMessages[1]!.content).toContain(quote);
    }
    expect(usage.input).toBe(promptTokens(coachMessages));
    expect(usage.output).toBeGreaterThan(0);
  });

  it("asks once more when a reply does not parse, and uses the second", async () => {
    server.use(malformedCoachJson({ baseUrl: BASE_URL, times: 1 }));
    const seen = recordRequests();
    const { value } = await completeJson({ model: "coach-model", messages: coachMessages, schema: rubricFeedback });
    expect(seen).toHaveLength(2);
    expect(value.criteria).toHaveLength(CRITERIA.length);
  });

  it("gives up as malformed after exactly two replies that do not parse", async () => {
    server.use(malformedCoachJson({ baseUrl: BASE_URL }));
    const seen = recordRequests();
    const error = await failure(
      completeJson({ model: "coach-model", messages: coachMessages, schema: rubricFeedback }),
    );
    expect(error.code).toBe("malformed");
    expect(error.message).toMatch(/could not read/);
    expect(seen).toHaveLength(2);
  });

  it("treats JSON of the wrong shape as malformed too", async () => {
    const seen = recordRequests();
    const error = await failure(
      completeJson({ model: "coach-model", messages: coachMessages, schema: z.object({ nextMoment: z.string() }) }),
    );
    expect(error.code).toBe("malformed");
    expect(seen).toHaveLength(2);
  });
});
