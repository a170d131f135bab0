import { getInputProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { Label } from "./ui/label";

type TextFieldProps = {
  meta: FieldMetadata<string>;
  label: string;
  hint?: ReactNode;
  type?: "text" | "email" | "password" | "url" | "search";
  autoComplete?: string;
  spellCheck?: boolean;
};

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const joined = ids.filter(Boolean).join(" ");
  return joined || undefined;
}

export function FieldError({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <span id={id} className="field-error">
      <span className="visually-hidden">Error: </span>
      {errors.join(" ")}
    </span>
  );
}

export function TextField({ meta, label, hint, type = "text", autoComplete, spellCheck }: TextFieldProps) {
  const hintId = `${meta.id}-hint`;
  const hasErrors = Boolean(meta.errors?.length);
  return (
    <div className={hasErrors ? "field field--error" : "field"}>
      <Label htmlFor={meta.id}>{label}</Label>
      {hint ? (
        <span id={hintId} className="hint">
          {hint}
        </span>
      ) : null}
      <FieldError id={meta.errorId} errors={meta.errors} />
      <input
        {...getInputProps(meta, { type, ariaAttributes: false })}
        aria-invalid={hasErrors || undefined}
        aria-describedby={describedBy(hint ? hintId : undefined, hasErrors && meta.errorId)}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
      />
    </div>
  );
}

type Option = { value: string; label: string; hint?: string };

/** Checkboxes for a multi-value field; works as a plain form without JavaScript. */
export function CheckboxGroup({
  meta,
  legend,
  hint,
  options,
  selected,
}: {
  meta: FieldMetadata<string[] | undefined>;
  legend: string;
  hint?: string;
  options: Option[];
  selected: readonly string[];
}) {
  const hintId = `${meta.id}-hint`;
  const hasErrors = Boolean(meta.errors?.length);
  return (
    <fieldset
      className={hasErrors ? "field field--error" : "field"}
      aria-describedby={describedBy(hint ? hintId : undefined, hasErrors && meta.errorId)}
    >
      <legend>{legend}</legend>
      {hint ? (
        <span id={hintId} className="hint">
          {hint}
        </span>
      ) : null}
      <FieldError id={meta.errorId} errors={meta.errors} />
      {options.map((option) => {
        const id = `${meta.id}-${option.value}`;
        return (
          <div className="choice" key={option.value}>
            <input
              type="checkbox"
              id={id}
              name={meta.name}
              value={option.value}
              defaultChecked={selected.includes(option.value)}
              aria-describedby={option.hint ? `${id}-hint` : undefined}
            />
            <label htmlFor={id}>
              {option.label}
              {option.hint ? (
                <span id={`${id}-hint`} className="hint">
                  {option.hint}
                </span>
              ) : null}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

type FieldLike = { id: string; errors?: string[] };

/**
 * The GOV.UK-style summary at the top of a form: the problems, each linking to
 * its field, so a screen reader user hears them all first.
 */
export function ErrorSummary({
  form,
  fields,
  labels,
}: {
  form: { id: string; errors?: string[] };
  fields: Record<string, FieldLike>;
  labels: Record<string, string>;
}) {
  const fieldProblems = Object.entries(labels).flatMap(([name, label]) => {
    const field = fields[name];
    return field?.errors?.length ? [{ href: `#${field.id}`, text: `${label}: ${field.errors.join(" ")}` }] : [];
  });
  const formProblems = form.errors ?? [];
  if (!fieldProblems.length && !formProblems.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby={`${form.id}-summary`} tabIndex={-1}>
      <h2 id={`${form.id}-summary`}>There is a problem</h2>
      <ul>
        {formProblems.map((message) => (
          <li key={message}>{message}</li>
        ))}
        {fieldProblems.map((problem) => (
          <li key={problem.href}>
            <a href={problem.href}>{problem.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
