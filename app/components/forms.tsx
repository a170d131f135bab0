import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { Label } from "./ui/label";

type TextFieldProps = {
  meta: FieldMetadata<string>;
  label: string;
  hint?: ReactNode;
  type?: "text" | "email" | "password" | "url" | "search" | "number" | "date" | "datetime-local";
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

/** Label, hint and error around one control; the control gets the ids to describe itself by. */
function FieldShell({
  meta,
  label,
  hint,
  children,
}: {
  meta: { id: string; errorId: string; errors?: string[] };
  label: string;
  hint?: ReactNode;
  children: (aria: { "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
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
      {children({
        "aria-invalid": hasErrors || undefined,
        "aria-describedby": describedBy(hint ? hintId : undefined, hasErrors && meta.errorId),
      })}
    </div>
  );
}

export function TextField({ meta, label, hint, type = "text", autoComplete, spellCheck }: TextFieldProps) {
  return (
    <FieldShell meta={meta} label={label} hint={hint}>
      {(aria) => (
        <input
          {...getInputProps(meta, { type, ariaAttributes: false })}
          {...aria}
          autoComplete={autoComplete}
          spellCheck={spellCheck}
        />
      )}
    </FieldShell>
  );
}

/** A long-text field with its label, hint, error and a stated limit. */
export function TextAreaField({
  meta,
  label,
  hint,
  rows = 6,
  textareaRef,
}: {
  meta: FieldMetadata<string | undefined>;
  label: string;
  hint?: ReactNode;
  rows?: number;
  textareaRef?: React.Ref<HTMLTextAreaElement>;
}) {
  return (
    <FieldShell meta={meta} label={label} hint={hint}>
      {(aria) => (
        <textarea {...getTextareaProps(meta, { ariaAttributes: false })} {...aria} rows={rows} ref={textareaRef} />
      )}
    </FieldShell>
  );
}

/** A select with a "Choose…" first option, so nobody is picked by accident. */
export function SelectField({
  meta,
  label,
  hint,
  options,
  placeholder = "Choose…",
}: {
  meta: FieldMetadata<string | undefined>;
  label: string;
  hint?: ReactNode;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  return (
    <FieldShell meta={meta} label={label} hint={hint}>
      {(aria) => (
        <select {...getSelectProps(meta, { ariaAttributes: false })} {...aria}>
          <option value="">{placeholder}</option>
          {options.map((option) => (
            <option value={option.value} key={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** A select of skills with "Any skill" first, for the filters on the catalogue and the journal. */
export function SkillSelect({
  id,
  skills,
  value,
}: {
  id: string;
  skills: { id: string; label: string }[];
  value: string | undefined;
}) {
  return (
    <div className="field">
      <Label htmlFor={id}>Skill</Label>
      <select id={id} name="skill" defaultValue={value ?? ""}>
        <option value="">Any skill</option>
        {skills.map((skill) => (
          <option value={skill.id} key={skill.id}>
            {skill.label}
          </option>
        ))}
      </select>
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
  const hasErrors = Object.keys(meta.allErrors).length > 0;
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
      <FieldError id={meta.errorId} errors={Object.values(meta.allErrors).flat()} />
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

type FieldLike = { id: string };

/** The first part of a field name: "roles[0]" and "team.abc" belong to "roles" and "team". */
function rootName(name: string): string {
  return name.split(/[.[]/)[0] ?? name;
}

/**
 * The GOV.UK-style summary at the top of a form: every problem, each linking to
 * its field where there is one, so a screen reader user hears them all first.
 */
export function ErrorSummary({
  form,
  fields,
  labels,
}: {
  form: { id: string; allErrors: Record<string, string[]> };
  fields: Record<string, FieldLike>;
  labels: Record<string, string>;
}) {
  return <ProblemList id={`${form.id}-summary`} errors={form.allErrors} fields={fields} labels={labels} />;
}

function ProblemList({
  id,
  errors,
  fields = {},
  labels = {},
}: {
  id: string;
  errors: Record<string, string[] | null | undefined>;
  fields?: Record<string, FieldLike>;
  labels?: Record<string, string>;
}) {
  const problems = Object.entries(errors).flatMap(([name, messages]) => {
    if (!messages?.length) return [];
    const root = rootName(name);
    const label = labels[name] ?? labels[root];
    const text = label ? `${label}: ${messages.join(" ")}` : messages.join(" ");
    const field = fields[name] ?? fields[root];
    return [{ key: name, text, href: field && label ? `#${field.id}` : null }];
  });
  if (!problems.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby={id} tabIndex={-1}>
      <h2 id={id}>There is a problem</h2>
      <ul>
        {problems.map((problem) => (
          <li key={problem.key}>{problem.href ? <a href={problem.href}>{problem.text}</a> : problem.text}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * On a page with several forms, the problems of a reply that none of them
 * showed (an unknown intent, a stale hidden field), so no answer goes unseen.
 */
export function UnclaimedProblems({
  result,
  claimed,
}: {
  result: { status?: string; error?: Record<string, string[] | null> | null } | undefined;
  claimed: boolean;
}) {
  if (claimed || result?.status !== "error" || !result.error) return null;
  const errors = Object.keys(result.error).length
    ? result.error
    : { "": ["Something in the form was not as expected."] };
  return <ProblemList id="page-problems" errors={errors} />;
}
