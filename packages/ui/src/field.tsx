import type { ComponentProps, ReactNode } from "react";

/** What a field's control needs to be tied to its label, hint and error. */
export type ControlProps = {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
};

export type FieldProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Other elements describing the control (a strength meter…). */
  describedBy?: string | undefined;
};

/**
 * Label, hint and error above the control, the way older members read a form: the
 * hint and the error are tied to the control by `aria-describedby`.
 */
export function Field({
  id,
  label,
  hint,
  error,
  describedBy,
  children,
}: FieldProps & { children: (control: ControlProps) => ReactNode }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const ids = [hintId, errorId, describedBy].filter(Boolean).join(" ");
  return (
    <div className={error ? "field field--error" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="field__hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">Erreur : </span>
          {error}
        </p>
      ) : null}
      {children({
        id,
        "aria-describedby": ids || undefined,
        "aria-invalid": error ? true : undefined,
      })}
    </div>
  );
}

type InputProps = Omit<ComponentProps<"input">, "id"> & FieldProps;

export function TextField({
  id,
  label,
  hint,
  error,
  describedBy,
  className,
  ...input
}: InputProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error} describedBy={describedBy}>
      {(control) => <input className={className ?? "input"} type="text" {...input} {...control} />}
    </Field>
  );
}

type TextAreaProps = Omit<ComponentProps<"textarea">, "id"> & FieldProps;

export function TextAreaField({ id, label, hint, error, describedBy, ...textarea }: TextAreaProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error} describedBy={describedBy}>
      {(control) => <textarea className="input textarea" rows={3} {...textarea} {...control} />}
    </Field>
  );
}

type SelectProps = Omit<ComponentProps<"select">, "id"> & FieldProps;

export function SelectField({
  id,
  label,
  hint,
  error,
  describedBy,
  children,
  ...select
}: SelectProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error} describedBy={describedBy}>
      {(control) => (
        <select className="input select" {...select} {...control}>
          {children}
        </select>
      )}
    </Field>
  );
}
