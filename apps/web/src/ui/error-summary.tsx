import type { SummaryItem } from "../lib/form-errors";

function focusField(id: string) {
  const field = document.getElementById(id);
  field?.focus();
  field?.scrollIntoView({ block: "center" });
}

/** At the top of a form that failed: what is wrong, each line leading to its field. */
export function ErrorSummary({ items }: { items: SummaryItem[] }) {
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert">
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
    </div>
  );
}
