import { Form } from "@remix-run/react";
import { defaultPeriod, parsePeriod, type Period, type PeriodField } from "~/domain/coaching-metrics";
import { daysBetween } from "~/domain/london-time";
import { formatDate } from "~/domain/format";
import { FieldError } from "./forms";
import { Label } from "./ui/label";

/** What is echoed back of a date that could not be read; a date needs ten characters. */
const KEPT_LENGTH = 40;

export type PeriodQuery = {
  period: Period;
  /** What was typed, kept so the person can correct it. */
  typed: Record<PeriodField, string>;
  errors: Partial<Record<PeriodField, string>>;
  /** The query string that asks for this period again ("" for the default), for links and downloads. */
  search: string;
};

/**
 * The period in `?from=YYYY-MM-DD&to=YYYY-MM-DD`. A date that cannot be read is not a dead end:
 * the page shows the last four weeks, says what was wrong with which date, and keeps what was typed.
 */
export function readPeriodQuery(url: URL, now: Date): PeriodQuery {
  const typed = {
    from: (url.searchParams.get("from") ?? "").slice(0, KEPT_LENGTH),
    to: (url.searchParams.get("to") ?? "").slice(0, KEPT_LENGTH),
  };
  const parsed = parsePeriod(typed.from, typed.to, now);
  if ("errors" in parsed) {
    const errors: PeriodQuery["errors"] = {};
    for (const error of parsed.errors) errors[error.field] ??= error.message;
    return { period: defaultPeriod(now), typed, errors, search: "" };
  }
  const asked = typed.from.trim() !== "" || typed.to.trim() !== "";
  return { period: parsed.period, typed, errors: {}, search: asked ? `?${new URLSearchParams(parsed.period)}` : "" };
}

/** "27 October to 23 November 2026 (4 weeks)" */
export function describePeriod(period: Period): string {
  const days = daysBetween(period.from, period.to) + 1;
  const length = days % 7 === 0 ? `${days / 7} week${days === 7 ? "" : "s"}` : `${days} day${days === 1 ? "" : "s"}`;
  return `${formatDate(`${period.from}T12:00:00Z`)} to ${formatDate(`${period.to}T12:00:00Z`)} (${length})`;
}

const LABELS: Record<PeriodField, string> = { from: "From", to: "To" };

/**
 * The period as a plain GET form: it works without JavaScript, and the address it makes can be
 * bookmarked or shared with a colleague. Text fields rather than date pickers, so a date that
 * could not be read is shown back exactly as typed.
 */
export function PeriodForm({ query, idPrefix = "period" }: { query: PeriodQuery; idPrefix?: string }) {
  const fields: PeriodField[] = ["from", "to"];
  const problems = fields.filter((field) => query.errors[field]);
  return (
    <div className="stack">
      {problems.length > 0 ? (
        <div className="error-summary" role="alert" aria-labelledby={`${idPrefix}-problems`} tabIndex={-1}>
          <h2 id={`${idPrefix}-problems`}>There is a problem with the dates</h2>
          <ul>
            {problems.map((field) => (
              <li key={field}>
                <a href={`#${idPrefix}-${field}`}>
                  {LABELS[field]}: {query.errors[field]}
                </a>
              </li>
            ))}
          </ul>
          <p>Showing the last four weeks instead.</p>
        </div>
      ) : null}
      {/* Keyed by what was asked, so the fields show the new period after a navigation. */}
      <Form
        method="get"
        className="filters coaching-period"
        aria-label="Choose the period"
        key={`${query.typed.from}|${query.typed.to}`}
      >
        {fields.map((field) => {
          const id = `${idPrefix}-${field}`;
          const error = query.errors[field];
          return (
            <div className={error ? "field field--error" : "field"} key={field}>
              <Label htmlFor={id}>{LABELS[field]}</Label>
              <span id={`${id}-hint`} className="hint">
                For example, {field === "from" ? query.period.from : query.period.to}
              </span>
              <FieldError id={`${id}-error`} errors={error ? [error] : undefined} />
              <input
                type="text"
                id={id}
                name={field}
                inputMode="numeric"
                autoComplete="off"
                spellCheck={false}
                size={12}
                defaultValue={error || query.typed[field].trim() ? query.typed[field] : query.period[field]}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
              />
            </div>
          );
        })}
        <button type="submit" className="button button--secondary">
          Show this period
        </button>
      </Form>
      <p className="coaching-period__showing">
        Showing <strong>{describePeriod(query.period)}</strong>.
      </p>
    </div>
  );
}
