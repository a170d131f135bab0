import { useId } from "react";
import type { ConversationMap as MapData, MapNode, MapPoint, OutlineNode } from "~/domain/scenario/map";

/**
 * The map of a conversation drawn in SVG, and the same map as a list in reading
 * order. The drawing is for seeing the shape at a glance; the list is the way in for
 * keyboards and screen readers, and every node in the drawing links to its entry.
 */

const LINE_CHARACTERS = 25;
/** Below this share of its natural size the words in the boxes get too small to read: scroll instead. */
const SMALLEST_SCALE = 0.8;

const TYPE_WORDS: Record<MapNode["type"], string> = { line: "Line", pause: "Pause", ending: "Ending" };

/** What a node is, in words: never shown by colour or outline alone. */
export function nodeKind(node: Pick<MapNode, "type" | "tone" | "start">): string {
  const kind = node.type === "ending" && node.tone ? `Ending: ${node.tone}` : TYPE_WORDS[node.type];
  return node.start ? `Start · ${kind}` : kind;
}

function nodeFlags(node: Pick<MapNode, "unreachable" | "deadEnd">): string[] {
  return [...(node.unreachable ? ["Unreachable"] : []), ...(node.deadEnd ? ["Dead end"] : [])];
}

function nodeClass(node: MapNode): string {
  return [
    "conversation-map__node",
    `conversation-map__node--${node.type}`,
    node.tone ? `conversation-map__node--${node.tone}` : "",
    node.unreachable || node.deadEnd ? "conversation-map__node--flagged" : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** Words into at most `lines` lines of about `width` characters; the last one ends in … when cut. */
function wrap(text: string, width: number, lines: number): string[] {
  const result: string[] = [];
  let current = "";
  const words = text.split(" ");
  for (const [index, word] of words.entries()) {
    const candidate = current ? `${current} ${word}` : word;
    if (candidate.length <= width || !current) {
      current = candidate;
      continue;
    }
    if (result.length === lines - 1) {
      const cut = `${current} ${words.slice(index).join(" ")}`.slice(0, width);
      const space = cut.lastIndexOf(" ");
      const kept = (space > width / 2 ? cut.slice(0, space) : cut.slice(0, width - 1)).replace(/[\s,;:.…]+$/, "");
      result.push(`${kept}…`);
      return result;
    }
    result.push(current);
    current = word;
  }
  if (current) result.push(current);
  return result;
}

function edgePath(points: readonly MapPoint[]): string {
  const [first, ...rest] = points;
  if (!first) return "";
  if (rest.length < 2) return `M${first.x} ${first.y}${rest.map((p) => ` L${p.x} ${p.y}`).join("")}`;
  // Straight to the first midpoint, then through each bend with a quadratic curve.
  const mid = (a: MapPoint, b: MapPoint) => `${(a.x + b.x) / 2} ${(a.y + b.y) / 2}`;
  let path = `M${first.x} ${first.y} L${mid(first, rest[0]!)}`;
  for (let i = 0; i < rest.length - 1; i += 1) path += ` Q${rest[i]!.x} ${rest[i]!.y} ${mid(rest[i]!, rest[i + 1]!)}`;
  const last = rest[rest.length - 1]!;
  return `${path} L${last.x} ${last.y}`;
}

/** How many plays took each move, keyed `${from}/${choiceId}`: a share of all plays (0–1), or hidden for privacy. */
export type MapTraffic = Readonly<Record<string, number | "hidden">>;

const THINNEST_TRAFFIC = 1.5;
const THICKEST_TRAFFIC = 12;

/** The arrow's width for its traffic; a hidden figure gets the thinnest, like a move nobody took: never a guess. */
function trafficWidth(traffic: number | "hidden"): number {
  if (traffic === "hidden") return THINNEST_TRAFFIC;
  return THINNEST_TRAFFIC + (THICKEST_TRAFFIC - THINNEST_TRAFFIC) * Math.min(1, Math.max(0, traffic));
}

export function trafficInWords(traffic: number | "hidden" | undefined): string {
  if (traffic === "hidden") return "how many plays took it is hidden, because the figure is too small to show";
  if (traffic === undefined || traffic === 0) return "no play took it";
  return `taken in ${Math.round(traffic * 100)}% of all plays`;
}

export function ConversationMap({
  title,
  map,
  nodeHref,
  traffic,
}: {
  title: string;
  map: MapData;
  /** Where a node in the drawing links to: by default its entry in the list; in the studio, its edit page. */
  nodeHref?: (nodeId: string) => string;
  /** Practice figures: thicker arrows for moves more plays took, with the share in each arrow's title. */
  traffic?: MapTraffic;
}) {
  const id = `map-${useId().replace(/[^a-zA-Z0-9-]/g, "")}`;
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const arrow = `${id}-arrow`;
  return (
    <figure className="conversation-map">
      <MapLegend traffic={traffic !== undefined} />
      <div className="conversation-map__scroll">
        {/* A group, not an image: an image's contents are hidden from assistive technology, and these are links. */}
        <svg
          role="group"
          aria-labelledby={titleId}
          aria-describedby={descId}
          viewBox={`0 0 ${map.width} ${map.height}`}
          width={map.width}
          height={map.height}
          className="conversation-map__svg"
          style={{ minWidth: `${Math.round(map.width * SMALLEST_SCALE)}px`, maxWidth: `${map.width}px` }}
        >
          <title id={titleId}>{`Map of the conversation “${title}”`}</title>
          <desc id={descId}>
            {describeMap(map, nodeHref ? "edit" : traffic ? "figures" : "list", traffic !== undefined)}
          </desc>
          <defs>
            <marker
              id={arrow}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              // With traffic the arrows' widths differ: a head of one size keeps the thick ones readable.
              {...(traffic
                ? { markerUnits: "userSpaceOnUse", markerWidth: "14", markerHeight: "14" }
                : { markerWidth: "7", markerHeight: "7" })}
              orient="auto-start-reverse"
            >
              <path d="M0 0 L10 5 L0 10 z" className="conversation-map__arrowhead" />
            </marker>
          </defs>
          <g aria-hidden="true">
            {map.edges.map((edge) => {
              const key = `${edge.from}/${edge.choiceId}`;
              const width = traffic ? trafficWidth(traffic[key] ?? 0) : undefined;
              const label = edge.conditional ? `${edge.label} (only when its condition holds)` : edge.label;
              return (
                <path
                  key={key}
                  d={edgePath(edge.points)}
                  className={`conversation-map__edge${edge.conditional ? " conversation-map__edge--conditional" : ""}`}
                  markerEnd={`url(#${arrow})`}
                  // Inline, so it wins over the stylesheet's ordinary width.
                  style={width === undefined ? undefined : { strokeWidth: width }}
                  data-traffic={traffic ? String(traffic[key] ?? 0) : undefined}
                >
                  <title>{traffic ? `${label}: ${trafficInWords(traffic[key] ?? 0)}` : label}</title>
                </path>
              );
            })}
          </g>
          {map.nodes.map((node) => (
            <MapNodeBox key={node.id} node={node} href={nodeHref ? nodeHref(node.id) : `#node-${node.id}`} />
          ))}
        </svg>
      </div>
    </figure>
  );
}

function describeMap(map: MapData, links: "list" | "edit" | "figures", traffic: boolean): string {
  const endings = map.nodes.filter((node) => node.type === "ending").length;
  const flagged = map.nodes.filter((node) => node.unreachable || node.deadEnd).length;
  return [
    `${map.nodes.length} nodes and ${map.edges.length} moves between them, from the start at the top`,
    `down to ${endings} ${endings === 1 ? "ending" : "endings"}.`,
    flagged > 0 ? `${flagged} marked as unreachable or a dead end.` : "",
    traffic ? "The more plays took a move, the thicker its arrow; the tables on this page give the figures." : "",
    {
      edit: "Each node links to the page for editing it; the list that follows gives the same map in reading order.",
      list: "Each node links to its entry in the list that follows, which gives the same map in reading order.",
      figures: "Each node links to its figures in the tables that follow.",
    }[links],
  ]
    .filter(Boolean)
    .join(" ");
}

function MapNodeBox({ node, href }: { node: MapNode; href: string }) {
  const flags = nodeFlags(node);
  const lines = wrap(node.label, LINE_CHARACTERS, 2);
  const left = node.x + 10;
  return (
    <a href={href} className={nodeClass(node)}>
      <rect x={node.x} y={node.y} width={node.width} height={node.height} rx="8" />
      <text x={left} y={node.y + 20} className="conversation-map__kind">
        {[nodeKind(node), ...flags].join(" · ")}
      </text>
      {lines.map((line, index) => (
        <text key={index} x={left} y={node.y + 42 + index * 19} className="conversation-map__label">
          {line}
        </text>
      ))}
    </a>
  );
}

function MapLegend({ traffic }: { traffic: boolean }) {
  return (
    <figcaption className="conversation-map__legend">
      <p className="visually-hidden">Key to the map:</p>
      <ul>
        <li>
          <span className="conversation-map__swatch conversation-map__swatch--line" aria-hidden="true" /> Line: someone
          speaks and you choose a reply
        </li>
        <li>
          <span className="conversation-map__swatch conversation-map__swatch--pause" aria-hidden="true" /> Pause: a
          moment to reflect
        </li>
        <li>
          <span className="conversation-map__swatch conversation-map__swatch--positive" aria-hidden="true" /> Ending:
          positive
        </li>
        <li>
          <span className="conversation-map__swatch conversation-map__swatch--mixed" aria-hidden="true" /> Ending: mixed
        </li>
        <li>
          <span className="conversation-map__swatch conversation-map__swatch--difficult" aria-hidden="true" /> Ending:
          difficult
        </li>
        <li>
          <span className="conversation-map__swatch conversation-map__swatch--flagged" aria-hidden="true" /> Dashed
          outline: unreachable or a dead end (also said in words)
        </li>
        <li>
          <span className="conversation-map__swatch conversation-map__swatch--conditional" aria-hidden="true" /> Dotted
          arrow: a choice offered only when its condition holds
        </li>
        {traffic ? (
          <li>
            <span className="conversation-map__swatch conversation-map__swatch--traffic" aria-hidden="true" /> Thicker
            arrow: more plays took this move (the tables give the figures in words)
          </li>
        ) : null}
      </ul>
    </figcaption>
  );
}

const FLAG_EXPLANATIONS = {
  unreachable: "Unreachable: no run of the conversation gets here",
  deadEnd: "Dead end: in some situations none of its choices is offered",
};

/** The map as a list, breadth-first from the start; each choice links to the node it leads to. */
export function ConversationOutline({
  outline,
  editHref,
  playHref,
  reviewComments,
}: {
  outline: OutlineNode[];
  /** In the studio: each node gets a link to edit it. */
  editHref?: (nodeId: string) => string;
  /** In the studio, for a draft that can be played: each node gets a link to playtest from it. */
  playHref?: (nodeId: string) => string;
  /** In the studio: how many review comments are about each node, and where the thread is. */
  reviewComments?: { counts: Readonly<Record<string, number>>; href: string };
}) {
  return (
    <ol className="conversation-list">
      {outline.map((node) => (
        // Focusable from script and by following a link to it, so the reader lands on the node itself.
        <li key={node.id} id={`node-${node.id}`} tabIndex={-1} className="conversation-list__node">
          <h3>{node.type === "line" ? node.label : `${TYPE_WORDS[node.type]}: ${node.title ?? node.label}`}</h3>
          <p className="conversation-list__kind">
            <span className="tag tag--muted">{nodeKind(node)}</span>
            {node.unreachable ? (
              <span className="tag conversation-list__flag">{FLAG_EXPLANATIONS.unreachable}</span>
            ) : null}
            {node.deadEnd ? <span className="tag conversation-list__flag">{FLAG_EXPLANATIONS.deadEnd}</span> : null}
            <span className="conversation-list__id">
              Node id: <code>{node.id}</code>
            </span>
          </p>
          <OutlineBody node={node} />
          {reviewComments?.counts[node.id] ? (
            <p className="conversation-list__comments">
              <a href={reviewComments.href}>
                {reviewComments.counts[node.id] === 1
                  ? "1 review comment"
                  : `${reviewComments.counts[node.id]} review comments`}{" "}
                on this node<span className="visually-hidden"> ({node.id})</span>
              </a>
            </p>
          ) : null}
          {editHref || playHref ? (
            <p className="conversation-list__actions">
              {editHref ? (
                <a href={editHref(node.id)}>
                  Edit this node<span className="visually-hidden"> ({node.id})</span>
                </a>
              ) : null}
              {playHref && node.type !== "ending" ? (
                <a href={playHref(node.id)}>
                  Playtest from here<span className="visually-hidden"> ({node.id})</span>
                </a>
              ) : null}
            </p>
          ) : null}
          {node.choices.length > 0 ? (
            <>
              <p className="conversation-list__choices-heading">
                {node.type === "pause" ? "Then:" : `${node.choices.length === 1 ? "Choice" : "Choices"}:`}
              </p>
              <ul className="conversation-list__choices">
                {node.choices.map((choice) => (
                  <li key={choice.id}>
                    {node.type === "pause" ? null : <span className="conversation-list__says">“{choice.says}” </span>}
                    {choice.toLabel === undefined ? (
                      <span>leads to “{choice.to}”, which is not a node of this scenario</span>
                    ) : (
                      <a href={`#node-${choice.to}`}>
                        {node.type === "pause" ? "Continue to" : "Leads to"} {choice.toLabel}
                      </a>
                    )}
                    {choice.when === undefined ? null : (
                      <span className="conversation-list__condition">
                        Offered only when {choice.whenInWords ?? "this condition holds"} (<code>{choice.when}</code>)
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function OutlineBody({ node }: { node: OutlineNode }) {
  if (node.type === "ending") {
    return (
      <p>
        <strong>{node.title}</strong> ({node.tone} ending). {node.text}
      </p>
    );
  }
  if (node.type === "pause") return <p>Pause to reflect: {node.text}</p>;
  return (
    <>
      <p>
        {node.speaker ? `${node.speaker} says: ` : "Narration: "}
        <span className="conversation-list__text">{node.text}</span>
      </p>
      {node.aside ? <p className="hint">Aside: {node.aside}</p> : null}
    </>
  );
}
