import { describe, expect, it } from "vitest";
import { evaluate, parseCondition, type Condition, type ConditionEnv } from "~/domain/scenario";

function parse(text: string): Condition {
  const result = parseCondition(text);
  if (!result.ok) throw new Error(`did not parse: ${result.error.message}`);
  return result.condition;
}

function env(meters: Record<string, number>, visited: string[] = []): ConditionEnv {
  return { meter: (id) => meters[id] ?? Number.NaN, visited: (node) => visited.includes(node) };
}

const run = (text: string, meters: Record<string, number>, visited: string[] = []): boolean =>
  evaluate(parse(text), env(meters, visited));

describe("conditions", () => {
  it.each([
    ["trust < 3", 2, true],
    ["trust < 3", 3, false],
    ["trust <= 3", 3, true],
    ["trust > 3", 3, false],
    ["trust >= 3", 3, true],
    ["trust == 3", 3, true],
    ["trust != 3", 3, false],
    ["3 > trust", 2, true],
    ["3 <= trust", 2, false],
    ["trust > -1", 0, true],
  ] as const)("%s with trust %i is %s", (text, trust, expected) => {
    expect(run(text, { trust })).toBe(expected);
  });

  it("binds and tighter than or, and not tighter than and", () => {
    expect(run("a > 0 or b > 0 and c > 0", { a: 1, b: 0, c: 0 })).toBe(true);
    expect(run("(a > 0 or b > 0) and c > 0", { a: 1, b: 0, c: 0 })).toBe(false);
    expect(run("not a > 0 and b > 0", { a: 0, b: 1 })).toBe(true);
    expect(run("not (a > 0 and b > 0)", { a: 1, b: 1 })).toBe(false);
    expect(run("not not a > 0", { a: 1 })).toBe(true);
  });

  it("reads visited() and literals", () => {
    expect(run("visited(first-call)", {}, ["first-call"])).toBe(true);
    expect(run("not visited(first-call)", {}, ["first-call"])).toBe(false);
    expect(run("true and not false", {})).toBe(true);
  });

  it("keeps the positions of meters and node names for error messages", () => {
    const condition = parse("calm > 1 and visited(the-call)");
    expect(condition).toMatchObject({
      kind: "and",
      left: { kind: "compare", meter: "calm", op: ">", value: 1, meterSpan: { start: 0, end: 4 } },
      right: { kind: "visited", node: "the-call", nodeSpan: { start: 21, end: 29 } },
    });
  });

  it.each([
    ["trust >= 1 && calm > 2", 11, "write `and` instead of `&&`"],
    ["trust > 1 || calm > 2", 10, "write `or` instead of `||`"],
    ["!visited(x)", 0, "write `not` instead of `!`"],
    ["trust = 2", 6, "write `==` to compare"],
    ["trust > 1.5", 8, "use whole numbers in conditions"],
    ["trust > calm", 8, "compare a meter with a whole number, not with another meter"],
    ["trust", 5, "expected a comparison such as < or >= after the meter trust"],
    ["(trust > 1", 10, "expected a closing ) but found the end of the condition"],
    ["trust > 1 calm", 10, 'unexpected "calm"'],
    ["visited(and)", 8, 'expected a node id inside visited(...) but found "and"'],
    ["", 0, "expected a comparison, visited(...) or ( but found the end of the condition"],
    ["trust > 1 and", 13, "expected a comparison, visited(...) or ( but found the end of the condition"],
    ["Math.max(1) > 0", 4, 'unexpected character "."'],
  ])("rejects %j at offset %i", (text, offset, message) => {
    expect(parseCondition(text)).toEqual({ ok: false, error: { offset, message } });
  });

  it("refuses nesting deep enough to exhaust the stack", () => {
    const result = parseCondition(`${"not ".repeat(10_000)}trust > 1`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe("this condition is nested too deeply");
  });

  it("never runs the text as code: names are only ever meter ids", () => {
    const seen: string[] = [];
    const spy: ConditionEnv = { meter: (id) => (seen.push(id), 0), visited: () => false };
    expect(evaluate(parse("constructor > 0 or __proto__ < 1"), spy)).toBe(true);
    expect(seen).toEqual(["constructor", "__proto__"]);
  });
});
