import { Document } from "yaml";
import { reservedWords, type ScenarioInput } from "./schema";
import { PLACEHOLDER, placeholder } from "./placeholders";

/**
 * Converts a Twine story in Twee 3 notation into a draft scenario. Passages become
 * nodes and links become choices; everything that has no place in the format (macros,
 * story-format variables, setter links, scripts) is dropped and listed in the notes,
 * with its line in the .twee file, so the trainer knows what to redo by hand.
 *
 * Conventions a trainer can use in Twine: tag a passage `pause` (with one link) to make
 * it a pause, `ending` to make it an ending (a passage without links is one anyway),
 * and `positive`, `mixed` or `difficult` to set an ending's tone.
 */
export type ImportNote = { line: number; message: string };
export type TweeImport = { scenario: ScenarioInput; yaml: string; notes: ImportNote[] };

type Passage = { name: string; tags: string[]; line: number; body: string[] };
type Link = { text: string; target: string; line: number };

const SPECIAL = new Set([
  "StoryTitle",
  "StoryData",
  "StoryInit",
  "StoryMenu",
  "StoryCaption",
  "StoryBanner",
  "StorySubtitle",
  "StoryAuthor",
  "StoryIncludes",
  "StoryInterface",
  "StoryShare",
  "PassageReady",
  "PassageDone",
  "PassageHeader",
  "PassageFooter",
  "Startup",
  "header",
  "footer",
  "startup",
  "debug-header",
  "debug-footer",
  "debug-startup",
]);

export function importTwee(source: string, options: { id?: string } = {}): TweeImport {
  const notes: ImportNote[] = [];
  const note = (line: number, message: string): void => void notes.push({ line, message });
  const passages = splitPassages(source, note);

  const title =
    passages
      .find((p) => p.name === "StoryTitle")
      ?.body.join(" ")
      .trim() || "Imported story";
  const data = readStoryData(
    passages.find((p) => p.name === "StoryData"),
    note,
  );
  const story = passages.filter((p) => {
    if (p.tags.includes("script") || p.tags.includes("stylesheet")) {
      note(
        p.line,
        `passage "${p.name}" is story ${p.tags.includes("script") ? "JavaScript" : "CSS"}: not carried over`,
      );
      return false;
    }
    if (SPECIAL.has(p.name)) {
      if (p.name !== "StoryTitle" && p.name !== "StoryData")
        note(p.line, `special passage "${p.name}" not carried over`);
      return false;
    }
    return true;
  });
  if (story.length === 0) note(1, "the story has no passages to import");

  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const passage of story) ids.set(passage.name, uniqueId(slugify(passage.name, "passage"), used));
  const idOf = (name: string, line: number): string => {
    const known = ids.get(name);
    if (known !== undefined) return known;
    note(line, `link to a passage that does not exist: "${name}"`);
    return slugify(name, "missing");
  };

  const startName = data.start ?? (ids.has("Start") ? "Start" : story[0]?.name);
  if (data.start !== undefined && !ids.has(data.start))
    note(1, `StoryData names a start passage that does not exist: "${data.start}"`);
  if (data.format) note(1, `story format ${data.format}: its macros and variables are not carried over (see below)`);

  let words = 0;
  const nodes = story.map((passage) => {
    const { text, links } = readBody(passage, note);
    words += text.split(/\s+/).filter(Boolean).length;
    return toNode(passage, text, links, idOf, note);
  });

  const id = options.id ?? slugify(title, "imported-story");
  const scenario: ScenarioInput = {
    id,
    title,
    summary: placeholder("one or two sentences on what the learner will practise."),
    audience: ["send-caseworker"],
    skills: ["listening"],
    minutes: Math.max(1, Math.round(words / 100)),
    personas: [
      {
        id: "persona",
        name: placeholder("an invented name"),
        relationship: placeholder("who they are to the child"),
        background: placeholder("what has happened so far"),
        wants: placeholder("what they want from the conversation"),
        fears: placeholder("what they are afraid of"),
        voice: placeholder("how they speak"),
      },
    ],
    meters: [],
    start: startName === undefined ? "start" : idOf(startName, 1),
    nodes,
  };
  note(
    1,
    `written with placeholders marked ${PLACEHOLDER} the persona, summary, audience, skills and coach's notes need a trainer (the checker refuses the file until they are written)`,
  );

  const document = new Document(scenario);
  document.commentBefore = ` yaml-language-server: $schema=./scenario.schema.json\n\n Imported from Twine. Review every TODO, add coach's notes, then run: npm run scenarios:check`;
  const yaml = document.toString({ lineWidth: 100 });
  return { scenario, yaml, notes: notes.sort((a, b) => a.line - b.line) };
}

function splitPassages(source: string, note: (line: number, message: string) => void): Passage[] {
  const passages: Passage[] = [];
  let current: Passage | undefined;
  source
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((text, i) => {
      if (text.startsWith("::")) {
        current = { ...parseHeader(text.slice(2), i + 1, note), line: i + 1, body: [] };
        passages.push(current);
      } else if (current) {
        current.body.push(text);
      } else if (text.trim()) {
        note(i + 1, "text before the first passage header is ignored");
      }
    });
  for (const passage of passages) {
    while (passage.body.length > 0 && !passage.body[passage.body.length - 1]!.trim()) passage.body.pop();
  }
  return passages;
}

/** `Name [tag tag] {"position":"100,100"}`, where \[ \] \{ \} \\ escape in the name. */
function parseHeader(
  header: string,
  line: number,
  note: (line: number, message: string) => void,
): Omit<Passage, "line" | "body"> {
  let name = "";
  let i = 0;
  const text = header.trim();
  for (; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === "\\" && i + 1 < text.length) {
      name += text[i + 1];
      i += 1;
    } else if (c === "[" || c === "{") {
      break;
    } else {
      name += c;
    }
  }
  let tags: string[] = [];
  const rest = text.slice(i);
  const tagMatch = rest.match(/^\[([^\]]*)\]/);
  if (tagMatch) tags = tagMatch[1]!.split(/\s+/).filter(Boolean);
  if (!name.trim()) note(line, "a passage has no name");
  return { name: name.trim(), tags };
}

function readStoryData(
  passage: Passage | undefined,
  note: (line: number, message: string) => void,
): { start?: string; format?: string } {
  if (!passage) return {};
  try {
    const data: unknown = JSON.parse(passage.body.join("\n"));
    if (data === null || typeof data !== "object") return {};
    const record = data as Record<string, unknown>;
    const format = typeof record.format === "string" ? record.format : undefined;
    const version = typeof record["format-version"] === "string" ? ` ${record["format-version"]}` : "";
    return {
      start: typeof record.start === "string" ? record.start : undefined,
      format: format ? `${format}${version}` : undefined,
    };
  } catch {
    note(passage.line, "StoryData is not valid JSON: ignored");
    return {};
  }
}

const LINK = /\[\[(.*?)\]\](?:\[(.*?)\])?/g;
const MACROS: Array<[RegExp, string]> = [
  [/<<[\s\S]*?>>/g, "SugarCube macro"],
  [/<%[\s\S]*?%>/g, "Snowman script"],
  [/\([a-z][\w-]*:(?:[^()]|\([^()]*\))*\)/gi, "Harlowe macro"],
  [/\{[a-z][^{}\n]*\}/gi, "Chapbook insert"],
  [/(?<![\w$])[$_][A-Za-z][\w.]*/g, "story variable"],
];

function readBody(passage: Passage, note: (line: number, message: string) => void): { text: string; links: Link[] } {
  const links: Link[] = [];
  const lines = passage.body.map((raw, offset) => {
    const line = passage.line + 1 + offset;
    let text = raw.replace(LINK, (_all, inner: string, setter: string | undefined) => {
      links.push({ ...parseLink(inner), line });
      if (setter !== undefined) note(line, `setter on link "${inner}" not carried over: [${setter}]`);
      return "";
    });
    for (const [pattern, what] of MACROS) {
      text = text.replace(pattern, (found) => {
        note(line, `${what} not carried over: ${found.length > 60 ? `${found.slice(0, 57)}...` : found}`);
        return "";
      });
    }
    // A Harlowe hook left behind by a removed macro: keep its words, drop the brackets.
    return text.replace(/\[([^[\]]*)\]/g, "$1");
  });
  const text = lines
    .join("\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n\n");
  return { text, links };
}

/** The four link forms: [[target]], [[text|target]], [[text->target]], [[target<-text]]. */
function parseLink(inner: string): { text: string; target: string } {
  const arrow = inner.lastIndexOf("->");
  if (arrow !== -1) return { text: inner.slice(0, arrow).trim(), target: inner.slice(arrow + 2).trim() };
  const back = inner.indexOf("<-");
  if (back !== -1) return { text: inner.slice(back + 2).trim(), target: inner.slice(0, back).trim() };
  const bar = inner.lastIndexOf("|");
  if (bar !== -1) return { text: inner.slice(0, bar).trim(), target: inner.slice(bar + 1).trim() };
  return { text: inner.trim(), target: inner.trim() };
}

function toNode(
  passage: Passage,
  text: string,
  links: Link[],
  idOf: (name: string, line: number) => string,
  note: (line: number, message: string) => void,
): ScenarioInput["nodes"][number] {
  const id = idOf(passage.name, passage.line);
  const tone = (["positive", "mixed", "difficult"] as const).find((t) => passage.tags.includes(t));
  if (passage.tags.includes("ending") || links.length === 0) {
    if (links.length > 0) note(passage.line, `passage "${passage.name}" is tagged ending: its links were dropped`);
    if (!tone) note(passage.line, `ending "${passage.name}" has no tone tag: set to mixed`);
    return {
      id,
      type: "ending",
      title: passage.name,
      tone: tone ?? "mixed",
      debrief: text || placeholder("what happened and why"),
      wentWell: [placeholder("what went well")],
      tryNext: [placeholder("what to try next time")],
    };
  }
  if (passage.tags.includes("pause")) {
    if (links.length > 1) note(passage.line, `pause "${passage.name}" has more than one link: only the first is kept`);
    return {
      id,
      type: "pause",
      prompt: text || placeholder("a question to reflect on"),
      next: idOf(links[0]!.target, links[0]!.line),
    };
  }
  if (!text) note(passage.line, `passage "${passage.name}" has no words of its own: added a TODO`);
  const choiceIds = new Set<string>();
  return {
    id,
    type: "line",
    text: text || placeholder("what is said here"),
    choices: links.map((link) => ({
      id: uniqueId(slugify(link.text.split(/\s+/).slice(0, 5).join(" "), "choice"), choiceIds),
      says: link.text || link.target,
      next: idOf(link.target, link.line),
    })),
  };
}

function slugify(text: string, fallback: string): string {
  let slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  if (!slug) slug = fallback;
  if (!/^[a-z]/.test(slug)) slug = `${fallback}-${slug}`;
  if ((reservedWords as readonly string[]).includes(slug)) slug = `${slug}-${fallback}`;
  return slug;
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
  used.add(id);
  return id;
}
