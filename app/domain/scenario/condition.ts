/**
 * The condition language of `when:`. A hand-written tokenizer and recursive-descent
 * parser turn the text into a small AST that is evaluated by walking it; nothing is
 * ever run as code.
 *
 *   expression := or
 *   or         := and ("or" and)*
 *   and        := unary ("and" unary)*
 *   unary      := "not" unary | primary
 *   primary    := "(" expression ")" | "visited" "(" name ")" | "true" | "false" | comparison
 *   comparison := name op integer | integer op name        op: < <= > >= == !=
 *
 * A comparison always sets a meter against a whole number. That keeps every
 * condition a Boolean combination of thresholds, which the checker's analysis of
 * reachable meter values relies on (see intervals.ts).
 */

export type ComparisonOperator = "<" | "<=" | ">" | ">=" | "==" | "!=";

/** Offsets into the condition text, for pointing at the exact column in the file. */
export type Span = { start: number; end: number };

export type Condition =
  | { kind: "compare"; meter: string; op: ComparisonOperator; value: number; span: Span; meterSpan: Span }
  | { kind: "visited"; node: string; span: Span; nodeSpan: Span }
  | { kind: "not"; operand: Condition }
  | { kind: "and" | "or"; left: Condition; right: Condition }
  | { kind: "literal"; value: boolean };

export type ConditionSyntaxError = { message: string; offset: number };

export type ParseResult = { ok: true; condition: Condition } | { ok: false; error: ConditionSyntaxError };

/** What a condition can ask about a run. */
export type ConditionEnv = {
  meter(id: string): number;
  visited(node: string): boolean;
};

type Token =
  | { type: "name"; text: string; span: Span }
  | { type: "number"; value: number; text: string; span: Span }
  | { type: "op"; text: ComparisonOperator; span: Span }
  | { type: "(" | ")"; span: Span }
  | { type: "end"; span: Span };

class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const isDigit = (c: string): boolean => c >= "0" && c <= "9";
const isLetter = (c: string): boolean => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
const isNamePart = (c: string): boolean => isLetter(c) || isDigit(c) || c === "-";

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] ?? "";
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i += 1;
    } else if (c === "(" || c === ")") {
      tokens.push({ type: c, span: { start: i, end: i + 1 } });
      i += 1;
    } else if (isLetter(c)) {
      const start = i;
      while (i < source.length && isNamePart(source[i] ?? "")) i += 1;
      tokens.push({ type: "name", text: source.slice(start, i), span: { start, end: i } });
    } else if (isDigit(c) || (c === "-" && isDigit(source[i + 1] ?? ""))) {
      const start = i;
      i += 1;
      while (i < source.length && isDigit(source[i] ?? "")) i += 1;
      if (source[i] === ".") throw new SyntaxProblem("use whole numbers in conditions", start);
      const text = source.slice(start, i);
      const value = Number(text);
      if (!Number.isSafeInteger(value)) throw new SyntaxProblem(`${text} is too large a number`, start);
      tokens.push({ type: "number", value, text, span: { start, end: i } });
    } else {
      const two = source.slice(i, i + 2);
      if (two === "<=" || two === ">=" || two === "==" || two === "!=") {
        tokens.push({ type: "op", text: two, span: { start: i, end: i + 2 } });
        i += 2;
      } else if (c === "<" || c === ">") {
        tokens.push({ type: "op", text: c, span: { start: i, end: i + 1 } });
        i += 1;
      } else {
        throw new SyntaxProblem(unexpectedCharacter(c, two), i);
      }
    }
  }
  tokens.push({ type: "end", span: { start: source.length, end: source.length } });
  return tokens;
}

function unexpectedCharacter(c: string, two: string): string {
  if (two === "&&") return "write `and` instead of `&&`";
  if (two === "||") return "write `or` instead of `||`";
  if (c === "!") return "write `not` instead of `!`";
  if (c === "=") return "write `==` to compare";
  return `unexpected character ${JSON.stringify(c)}`;
}

const KEYWORDS = new Set(["and", "or", "not", "visited", "true", "false"]);
const FLIPPED: Record<ComparisonOperator, ComparisonOperator> = {
  "<": ">",
  "<=": ">=",
  ">": "<",
  ">=": "<=",
  "==": "==",
  "!=": "!=",
};

/** Deepest nesting allowed, so hostile input cannot exhaust the stack. */
const MAX_DEPTH = 64;

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Condition {
    const condition = this.or();
    const next = this.peek();
    if (next.type !== "end") throw new SyntaxProblem(`unexpected ${describe(next)}`, next.span.start);
    return condition;
  }

  private peek(): Token {
    // The tokenizer always ends the list with an "end" token, and we never move past it.
    return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!;
  }

  private take(): Token {
    const token = this.peek();
    if (token.type !== "end") this.index += 1;
    return token;
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token.type === "name" && token.text === word;
  }

  private or(): Condition {
    let left = this.and();
    while (this.isKeyword("or")) {
      this.take();
      left = { kind: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): Condition {
    let left = this.unary();
    while (this.isKeyword("and")) {
      this.take();
      left = { kind: "and", left, right: this.unary() };
    }
    return left;
  }

  private unary(): Condition {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) throw new SyntaxProblem("this condition is nested too deeply", this.peek().span.start);
    try {
      if (this.isKeyword("not")) {
        this.take();
        return { kind: "not", operand: this.unary() };
      }
      return this.primary();
    } finally {
      this.depth -= 1;
    }
  }

  private primary(): Condition {
    const token = this.take();
    if (token.type === "(") {
      const inner = this.or();
      this.expect(")", "a closing )");
      return inner;
    }
    if (token.type === "name" && token.text === "visited") return this.visited(token.span.start);
    if (token.type === "name" && (token.text === "true" || token.text === "false")) {
      return { kind: "literal", value: token.text === "true" };
    }
    if (token.type === "name" && !KEYWORDS.has(token.text)) return this.comparison(token);
    if (token.type === "number") return this.comparison(token);
    throw new SyntaxProblem(`expected a comparison, visited(...) or ( but found ${describe(token)}`, token.span.start);
  }

  private visited(start: number): Condition {
    this.expect("(", "( after visited");
    const name = this.take();
    if (name.type !== "name" || KEYWORDS.has(name.text)) {
      throw new SyntaxProblem(`expected a node id inside visited(...) but found ${describe(name)}`, name.span.start);
    }
    const close = this.expect(")", "a closing ) after the node id");
    return { kind: "visited", node: name.text, span: { start, end: close.span.end }, nodeSpan: name.span };
  }

  private comparison(first: Token & { type: "name" | "number" }): Condition {
    const op = this.take();
    if (op.type !== "op") {
      const what = first.type === "name" ? `the meter ${first.text}` : first.text;
      throw new SyntaxProblem(`expected a comparison such as < or >= after ${what}`, op.span.start);
    }
    const second = this.take();
    if (first.type === "name" && second.type === "number") {
      return compare(first, op.text, second);
    }
    if (first.type === "number" && second.type === "name" && !KEYWORDS.has(second.text)) {
      return compare(second, FLIPPED[op.text], first);
    }
    if (first.type === "name" && second.type === "name") {
      throw new SyntaxProblem("compare a meter with a whole number, not with another meter", second.span.start);
    }
    throw new SyntaxProblem(
      `expected a ${first.type === "name" ? "whole number" : "meter"} after ${op.text}`,
      second.span.start,
    );
  }

  private expect(type: "(" | ")", what: string): Token {
    const token = this.take();
    if (token.type !== type) throw new SyntaxProblem(`expected ${what} but found ${describe(token)}`, token.span.start);
    return token;
  }
}

function compare(
  meter: { text: string; span: Span },
  op: ComparisonOperator,
  number: { value: number; span: Span },
): Condition {
  const start = Math.min(meter.span.start, number.span.start);
  const end = Math.max(meter.span.end, number.span.end);
  return { kind: "compare", meter: meter.text, op, value: number.value, span: { start, end }, meterSpan: meter.span };
}

function describe(token: Token): string {
  switch (token.type) {
    case "end":
      return "the end of the condition";
    case "name":
      return `"${token.text}"`;
    case "number":
      return token.text;
    case "op":
      return token.text;
    default:
      return `"${token.type}"`;
  }
}

const parsed = new Map<string, ParseResult>();

/**
 * Parses a condition. Results are remembered (the same text always gives the same
 * tree, which is never changed), since the checker and the engine ask repeatedly.
 */
export function parseCondition(source: string): ParseResult {
  const known = parsed.get(source);
  if (known) return known;
  if (parsed.size > 10_000) parsed.clear();
  const result = parseUncached(source);
  parsed.set(source, result);
  return result;
}

function parseUncached(source: string): ParseResult {
  try {
    const tokens = tokenize(source);
    return { ok: true, condition: new Parser(tokens).parse() };
  } catch (error) {
    if (error instanceof SyntaxProblem) return { ok: false, error: { message: error.message, offset: error.offset } };
    throw error;
  }
}

export function evaluate(condition: Condition, env: ConditionEnv): boolean {
  switch (condition.kind) {
    case "compare":
      return compareValues(env.meter(condition.meter), condition.op, condition.value);
    case "visited":
      return env.visited(condition.node);
    case "not":
      return !evaluate(condition.operand, env);
    case "and":
      return evaluate(condition.left, env) && evaluate(condition.right, env);
    case "or":
      return evaluate(condition.left, env) || evaluate(condition.right, env);
    case "literal":
      return condition.value;
  }
}

export function compareValues(left: number, op: ComparisonOperator, right: number): boolean {
  switch (op) {
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    case ">":
      return left > right;
    case ">=":
      return left >= right;
    case "==":
      return left === right;
    case "!=":
      return left !== right;
  }
}

type Atom = Extract<Condition, { kind: "compare" | "visited" }>;

/** Conditions are immutable and parsed once per text, so their atoms are worked out once too. */
const atomsCache = new WeakMap<Condition, readonly Atom[]>();

/** Every comparison and visited() in a condition, in reading order. */
export function atomsOf(condition: Condition): readonly Atom[] {
  const known = atomsCache.get(condition);
  if (known) return known;
  const atoms: Atom[] = [];
  const walk = (c: Condition): void => {
    if (c.kind === "compare" || c.kind === "visited") atoms.push(c);
    else if (c.kind === "not") walk(c.operand);
    else if (c.kind === "and" || c.kind === "or") {
      walk(c.left);
      walk(c.right);
    }
  };
  walk(condition);
  atomsCache.set(condition, atoms);
  return atoms;
}
