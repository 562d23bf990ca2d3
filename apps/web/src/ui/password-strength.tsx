import { useDeferredValue, useMemo } from "react";
import type { PasswordPolicy } from "../lib/password-policy";
import { strengthView } from "../lib/password-strength";

type Props = {
  id: string;
  password: string;
  /** Loaded lazily; null while the dictionaries are on their way. */
  policy: PasswordPolicy | null;
  firstName?: string | undefined;
  email?: string | undefined;
};

/** A live strength meter: a bar, a word, and the reasons in plain French. */
export function PasswordStrength({ id, password, policy, firstName, email }: Props) {
  const typed = useDeferredValue(password);
  const view = useMemo(
    () => (policy && typed ? strengthView(policy(typed, { firstName, email })) : null),
    [policy, typed, firstName, email],
  );
  return (
    <div id={id} className="strength" role="status" aria-live="polite">
      {view ? (
        <>
          <div className={`strength__bar strength__bar--${view.level}`} aria-hidden="true">
            <span />
          </div>
          <p className="strength__label">
            Robustesse : <strong>{view.label}</strong>
            {view.accepted ? " – ce mot de passe convient." : null}
          </p>
          {view.lines.length > 0 ? (
            <ul className="strength__problems">
              {view.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : typed && !policy ? (
        <p className="strength__label">Vérification de la robustesse…</p>
      ) : null}
    </div>
  );
}
