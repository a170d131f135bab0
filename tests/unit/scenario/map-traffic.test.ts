import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ConversationMap, trafficInWords } from "~/components/conversation-map";
import { conversationMap } from "~/domain/scenario/map";
import { loadFixture } from "./helpers";

const scenario = loadFixture("practice-stats");
const map = conversationMap(scenario);

function drawn(traffic?: Record<string, number | "hidden">) {
  const html = renderToStaticMarkup(createElement(ConversationMap, { title: "Fixture", map, traffic }));
  const edges = [
    ...html.matchAll(/<path d="[^"]*" class="conversation-map__edge[^"]*"([^>]*)><title>([^<]*)<\/title>/g),
  ];
  return {
    html,
    edges: edges.map((edge) => ({
      width: /stroke-width:([\d.]+)/.exec(edge[1]!)?.[1] ?? null,
      title: edge[2]!,
    })),
  };
}

describe("the map's traffic", () => {
  it("says each share in words", () => {
    expect(trafficInWords(0.6875)).toBe("taken in 69% of all plays");
    expect(trafficInWords(0)).toBe("no play took it");
    expect(trafficInWords("hidden")).toBe("how many plays took it is hidden, because the figure is too small to show");
  });

  it("leaves the map as it was without traffic", () => {
    const { html, edges } = drawn();
    expect(edges.every((edge) => edge.width === null)).toBe(true);
    expect(edges.map((edge) => edge.title)).toContain("Tell me more.");
    expect(html).not.toContain("Thicker arrow");
    expect(html).toContain('markerWidth="7"');
  });

  it("draws busier moves thicker, hidden ones thinnest, and says the share in each title", () => {
    const { html, edges } = drawn({ "opening/listen": 1, "opening/rush": 0.25, "breathe/continue": "hidden" });
    const edge = (says: string) => edges.find((e) => e.title.startsWith(`${says}:`))!;
    expect(edge("Tell me more.")).toEqual({ width: "12", title: "Tell me more.: taken in 100% of all plays" });
    expect(edge("I need to be quick.").width).toBe("4.125");
    expect(edge("Continue")).toEqual({
      width: "1.5",
      title: "Continue: how many plays took it is hidden, because the figure is too small to show",
    });
    // A move missing from the figures was taken by nobody.
    expect(edge("Shall we plan together?")).toEqual({
      width: "1.5",
      title: "Shall we plan together?: no play took it",
    });
    expect(html).toContain("Thicker arrow: more plays took this move");
    expect(html).toContain("Each node links to its figures in the tables that follow.");
  });
});
