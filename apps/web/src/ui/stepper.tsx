/** The steps of a journey; `current` counts from 1. */
export function Stepper({
  steps,
  current,
  label,
}: {
  steps: readonly string[];
  current: number;
  label: string;
}) {
  return (
    <ol className="stepper" aria-label={label}>
      {steps.map((step, index) => {
        const number = index + 1;
        const status = number < current ? "done" : number === current ? "current" : "todo";
        return (
          <li
            key={step}
            className={`stepper__step stepper__step--${status}`}
            aria-current={status === "current" ? "step" : undefined}
          >
            <span className="stepper__number" aria-hidden="true">
              {number}
            </span>
            <span className="stepper__label">
              <span className="visually-hidden">{`${number}. `}</span>
              {step}
              {status === "done" ? <span className="visually-hidden"> (terminée)</span> : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
