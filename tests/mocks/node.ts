/**
 * MOCKS=true: the server's outgoing calls to outside services are answered in-process by the
 * msw handlers in this folder, so the whole product can be shown and tested offline. msw is a
 * development dependency: import this module only when MOCKS is on.
 */
import { setupServer, type SetupServer } from "msw/node";
import { getEnv } from "../../app/services/env.server";
import { openAiHandlers } from "./openai";

let running: SetupServer | undefined;

export function startMocks(): SetupServer {
  if (running) return running;
  const server = setupServer(...openAiHandlers({ baseUrl: getEnv().OPENAI_BASE_URL }));
  // Anything without a handler (the app's own requests) goes out as usual.
  server.listen({ onUnhandledRequest: "bypass" });
  console.log("MOCKS=true: the OpenAI API is answered by the mock handlers in tests/mocks/.");
  running = server;
  return server;
}
