import { type ReactNode, useEffect, useState } from "react";

/** Something went wrong: announced at once. */
export function Alert({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <div className="message message--error" role="alert">
      {title ? <p className="message__title">{title}</p> : null}
      {children}
    </div>
  );
}

/**
 * Good news or information, announced politely. The text is put in the live region
 * just after it appears, because screen readers ignore a region born already filled.
 */
export function Notice({
  children,
  tone = "success",
}: {
  children: ReactNode;
  tone?: "success" | "info";
}) {
  const [filled, setFilled] = useState(false);
  useEffect(() => setFilled(true), []);
  return (
    <div className={`message message--${tone}`} role="status">
      {filled ? children : null}
    </div>
  );
}

export function Loading({ label = "Chargement en cours…" }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}
