import { type ComponentProps, useState } from "react";
import { Field, type FieldProps } from "./field";

type PasswordFieldProps = Omit<ComponentProps<"input">, "id" | "type"> &
  FieldProps & {
    /** Completes the toggle's name for screen readers: "Afficher {toggleLabel}". */
    toggleLabel?: string;
  };

/**
 * A password input with a show / hide button: members who type slowly check what they
 * typed rather than start again. The button's name comes from its text, never from an
 * aria-label, so that it is not mistaken for the field's label.
 */
export function PasswordField({
  id,
  label,
  hint,
  error,
  describedBy,
  toggleLabel = "le mot de passe",
  ...input
}: PasswordFieldProps) {
  const [visible, setVisible] = useState(false);
  return (
    <Field id={id} label={label} hint={hint} error={error} describedBy={describedBy}>
      {(control) => (
        <div className="password-input">
          <input
            className="input"
            spellCheck={false}
            autoCapitalize="none"
            {...input}
            {...control}
            type={visible ? "text" : "password"}
          />
          <button
            type="button"
            className="button button--secondary password-input__toggle"
            aria-controls={id}
            onClick={() => setVisible((v) => !v)}
          >
            {visible ? "Masquer" : "Afficher"}
            <span className="visually-hidden"> {toggleLabel}</span>
          </button>
        </div>
      )}
    </Field>
  );
}
