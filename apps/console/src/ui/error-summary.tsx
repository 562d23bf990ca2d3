import { type ReactNode, useEffect, useRef } from "react";
import type { SummaryItem } from "../lib/form-errors";

function focusField(id: string) {
  const field = document.getElementById(id);
  field?.focus();
  field?.scrollIntoView?.({ block: "center" });
}

/**
 * At the top of a form that failed: the server's refusal, and what is wrong with each
 * field, each line leading to its field. It takes the focus at each failed attempt
 * (a new `attempt`), so that the adviser hears and sees why at once.
 */
export function ErrorSummary({
  message,
  items,
  attempt,
}: {
  message?: ReactNode;
  items: SummaryItem[];
  attempt: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = Boolean(message) || items.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, attempt]);
  if (!shown) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      {message ? <div className="error-summary__message">{message}</div> : null}
      {items.length > 0 ? (
        <>
          <h2 className="error-summary__title">
            {items.length === 1
              ? "Le formulaire contient une erreur"
              : `Le formulaire contient ${items.length} erreurs`}
          </h2>
          <ul className="error-summary__list">
            {items.map((item) => (
              <li key={item.fieldId}>
                <a
                  href={`#${item.fieldId}`}
                  onClick={(event) => {
                    event.preventDefault();
                    focusField(item.fieldId);
                  }}
                >
                  {item.message}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
