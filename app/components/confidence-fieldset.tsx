const LABELS = ["Not at all confident", "A little confident", "Fairly confident", "Confident", "Very confident"];

/** The optional one-tap rating, 1 to 5, as plain radio buttons (works without JavaScript). */
export function ConfidenceFieldset({ name, legend, errors }: { name: string; legend: string; errors?: string[] }) {
  return (
    <fieldset className={errors?.length ? "field field--error" : "field"}>
      <legend>{legend}</legend>
      <span className="hint">Optional. Only you see this, beside how you feel afterwards.</span>
      {errors?.length ? <span className="field-error">{errors.join(" ")}</span> : null}
      <div className="confidence">
        {LABELS.map((label, index) => {
          const value = String(index + 1);
          const id = `${name}-${value}`;
          return (
            <div className="choice" key={value}>
              <input type="radio" id={id} name={name} value={value} />
              <label htmlFor={id}>
                {value}: {label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
