import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseYaml } from "~/domain/scenario/yaml";
import { signedIn, startTestServer, type TestServer } from "./helpers/test-server";

/** The map of a library scenario in the studio (/studio/library/:slug), over real HTTP. */

const SLUG = "phone-before-the-letter";
const parsed = parseYaml(fs.readFileSync(path.join("scenarios", `${SLUG}.yaml`), "utf8"));
const scenarioNodes = parsed.ok ? (parsed.value as { nodes: { id: string }[] }).nodes.map((node) => node.id) : [];

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function page(email: string, pathname = `/studio/library/${SLUG}`) {
  const client = await signedIn(server, email);
  const response = await client.get(pathname);
  return { status: response.status, html: await response.text() };
}

describe("the map of a library scenario", () => {
  it("reads the node ids from the file (a check on this test itself)", () => {
    expect(scenarioNodes).toContain("opening");
    expect(scenarioNodes.length).toBeGreaterThan(10);
  });

  it.each(["trainer@northbridge.example", "reviewer@northbridge.example"])(
    "shows %s the title, the checker's summary, the map and the list",
    async (email) => {
      const { status, html } = await page(email);
      expect(status).toBe(200);
      expect(html).toContain("The phone call before the letter");
      expect(html).toMatch(/\d+ nodes, \d+ choices, \d+ endings, [\d,]+\+? distinct paths/);
      expect(html).toMatch(/<svg[^>]*role="group"[^>]*aria-labelledby="[^"]+"/);
      expect(html).toContain("<title");
      expect(html).toContain('class="conversation-list"');
      // Every node once in the list, and a link to it from the map.
      const listed = [...html.matchAll(/<li id="node-([a-z0-9-]+)"/g)].map((match) => match[1]!);
      expect([...listed].sort()).toEqual([...scenarioNodes].sort());
      expect(listed[0]).toBe("opening");
      for (const id of scenarioNodes) expect(html).toContain(`href="#node-${id}"`);
      expect(html).toContain("Ending: positive");
    },
  );

  it("refuses a practitioner", async () => {
    expect((await page("practitioner@northbridge.example")).status).toBe(403);
  });

  it("answers 404 for a scenario that is not in the library", async () => {
    expect((await page("trainer@northbridge.example", "/studio/library/no-such-scenario")).status).toBe(404);
  });

  it("is linked from the studio's list of library scenarios", async () => {
    const { html } = await page("trainer@northbridge.example", "/studio");
    expect(html).toContain(`href="/studio/library/${SLUG}"`);
  });
});
