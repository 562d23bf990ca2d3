import type { ClipboardEvent, ComponentProps } from "react";
import { type BirthDatePart, type BirthDateParts, splitPastedDate } from "../lib/birth-date";

const INPUTS = [
  { part: "day", label: "Jour", autoComplete: "bday-day", digits: 2 },
  { part: "month", label: "Mois", autoComplete: "bday-month", digits: 2 },
  { part: "year", label: "Année", autoComplete: "bday-year", digits: 4 },
] as const;

/** The id of one of the three inputs, for the error summary and for focusing. */
export function birthDateInputId(id: string, part: BirthDatePart): string {
  return `${id}-${part}`;
}

type Props = {
  /** Prefix of the ids: `{id}-day`, `{id}-month`, `{id}-year`, `{id}-hint`, `{id}-error`. */
  id: string;
  legend?: string;
  /** One message for the whole date. */
  error?: string | undefined;
  /** The parts the message is about: marked `aria-invalid`. */
  invalid: readonly BirthDatePart[];
  /** The props of each input (a react-hook-form registration…). */
  inputs: Record<BirthDatePart, Omit<ComponentProps<"input">, "id">>;
  /** A whole date was pasted into one of the inputs: fill the three. */
  onPasteDate: (parts: BirthDateParts) => void;
};

/**
 * A date of birth in three short numeric fields (day, month, year), the pattern members
 * get right the first time: no calendar to browse back 60 years, no format to guess,
 * the phone's digit keypad, and the browser's autofill. Pasting "15/08/1990" fills all three.
 */
export function BirthDateField({
  id,
  legend = "Date de naissance",
  error,
  invalid,
  inputs,
  onPasteDate,
}: Props) {
  const hintId = `${id}-hint`;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ");

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const parts = splitPastedDate(event.clipboardData.getData("text"));
    if (!parts) return;
    event.preventDefault();
    onPasteDate(parts);
  };

  return (
    <div className={error ? "field field--error" : "field"}>
      <fieldset className="fieldset">
        <legend className="field__label">{legend}</legend>
        <p className="field__hint" id={hintId}>
          Par exemple : 15 08 1990
        </p>
        {error ? (
          <p className="field__error" id={errorId}>
            <span className="visually-hidden">Erreur : </span>
            {error}
          </p>
        ) : null}
        <div className="date-input">
          {INPUTS.map(({ part, label, autoComplete, digits }) => {
            const inputId = birthDateInputId(id, part);
            return (
              <div key={part} className="date-input__item">
                <label className="date-input__label" htmlFor={inputId}>
                  {label}
                </label>
                <input
                  className={`input input--digits-${digits}`}
                  type="text"
                  inputMode="numeric"
                  autoComplete={autoComplete}
                  maxLength={digits}
                  spellCheck={false}
                  {...inputs[part]}
                  id={inputId}
                  aria-describedby={describedBy}
                  aria-invalid={error && invalid.includes(part) ? true : undefined}
                  onPaste={onPaste}
                />
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
