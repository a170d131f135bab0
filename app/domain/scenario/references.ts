import { atomsOf, parseCondition } from "./condition";
import type { Report } from "./report";
import type { Scenario } from "./schema";

/**
 * Checks that need the whole file but no analysis of runs: names that must point at
 * something (nodes, meters, personas, skills, guidance pages) and ids that must be
 * unique. The run analysis only starts when these pass.
 */
export type CheckContext = { skills: readonly string[]; guidancePages: readonly string[] };

export function checkReferences(scenario: Scenario, fileName: string, context: CheckContext, report: Report): void {
  const expectedId = fileName.match(/([^/\\]+)\.ya?ml$/)?.[1];
  if (expectedId !== undefined && expectedId !== scenario.id) {
    report.error("file-name", ["id"], `id "${scenario.id}" should match the file name "${expectedId}"`);
  }

  const nodeIds = new Set(scenario.nodes.map((n) => n.id));
  const meterIds = new Set(scenario.meters.map((m) => m.id));
  const personaIds = new Set(scenario.personas.map((p) => p.id));
  const skills = new Set(context.skills);
  const pages = new Set(context.guidancePages);

  unique(scenario.personas, "persona", ["personas"], report);
  unique(scenario.rubric ?? [], "rubric criterion", ["rubric"], report);
  unique(scenario.meters, "meter", ["meters"], report);
  unique(scenario.nodes, "node", ["nodes"], report);

  if (!nodeIds.has(scenario.start)) report.error("unknown-node", ["start"], `start names no node: "${scenario.start}"`);
  scenario.skills.forEach((skill, i) => checkSkill(skill, ["skills", i], skills, report));

  const nodes = scenario.nodes;
  for (let n = 0; n < nodes.length; n += 1) {
    const node = nodes[n]!;
    if (node.type === "pause") {
      if (!nodeIds.has(node.next))
        report.error("unknown-node", ["nodes", n, "next"], `next names no node: "${node.next}"`);
      continue;
    }
    if (node.type === "ending") {
      node.guidance.forEach((page, g) => {
        if (!pages.has(page)) {
          report.error(
            "missing-guidance",
            ["nodes", n, "guidance", g],
            `no guidance page "${page}" in content/guidance/`,
          );
        }
      });
      continue;
    }
    if (node.speaker !== undefined && !personaIds.has(node.speaker)) {
      report.error("unknown-persona", ["nodes", n, "speaker"], `speaker names no persona: "${node.speaker}"`);
    }
    unique(node.choices, "choice", ["nodes", n, "choices"], report, ` at node "${node.id}"`);
    const choices = node.choices;
    for (let c = 0; c < choices.length; c += 1) {
      const choice = choices[c]!;
      if (!nodeIds.has(choice.next)) {
        report.error("unknown-node", ["nodes", n, "choices", c, "next"], `next names no node: "${choice.next}"`);
      }
      for (const meter in choice.effects) {
        if (!meterIds.has(meter)) {
          report.error(
            "unknown-meter",
            ["nodes", n, "choices", c, "effects", meter],
            `"${meter}" is not a declared meter`,
            {
              key: true,
            },
          );
        }
      }
      for (let s = 0; s < choice.skills.length; s += 1) {
        if (!skills.has(choice.skills[s]!))
          checkSkill(choice.skills[s]!, ["nodes", n, "choices", c, "skills", s], skills, report);
      }
      if (choice.when !== undefined) {
        checkCondition(choice.when, ["nodes", n, "choices", c, "when"], nodeIds, meterIds, report);
      }
    }
  }
}

function checkCondition(
  text: string,
  path: Array<string | number>,
  nodeIds: ReadonlySet<string>,
  meterIds: ReadonlySet<string>,
  report: Report,
): void {
  const parsed = parseCondition(text);
  if (!parsed.ok) {
    report.error("condition-syntax", path, `condition: ${parsed.error.message}`, { offset: parsed.error.offset });
    return;
  }
  for (const atom of atomsOf(parsed.condition)) {
    if (atom.kind === "compare" && !meterIds.has(atom.meter)) {
      report.error("unknown-meter", path, `"${atom.meter}" is not a declared meter`, { offset: atom.meterSpan.start });
    }
    if (atom.kind === "visited" && !nodeIds.has(atom.node)) {
      report.error("unknown-node", path, `visited() names no node: "${atom.node}"`, { offset: atom.nodeSpan.start });
    }
  }
}

function checkSkill(skill: string, path: Array<string | number>, skills: ReadonlySet<string>, report: Report): void {
  if (!skills.has(skill)) report.error("unknown-skill", path, `"${skill}" is not a skill in scenarios/skills.yaml`);
}

function unique(
  items: ReadonlyArray<{ id: string }>,
  what: string,
  at: Array<string | number>,
  report: Report,
  where = "",
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id))
      report.error("duplicate-id", [...at, i, "id"], `another ${what}${where} already has the id "${item.id}"`);
    seen.add(item.id);
  });
}
