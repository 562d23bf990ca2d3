import { Alert } from "@mgen/ui/messages";
import { Link } from "react-router";
import type { SignInProblem } from "./sign-in-errors";

/**
 * The alert of a refused sign-in. Its action ("Se connecter avec mon adresse email") is a
 * link to the identifier field, which it empties: it leads to the field rather than acting,
 * and so is never mistaken for the form's "Se connecter" button.
 */
export function SignInErrorAlert({
  problem,
  fieldId,
  onAction,
}: {
  problem: SignInProblem;
  fieldId: string;
  onAction: () => void;
}) {
  return (
    <Alert>
      <p>{problem.message}</p>
      {problem.note ? <p>{problem.note}</p> : null}
      {problem.action || problem.links.length > 0 ? (
        <ul className="link-list">
          {problem.action ? (
            <li>
              <a
                href={`#${fieldId}`}
                onClick={(event) => {
                  event.preventDefault();
                  onAction();
                }}
              >
                {problem.action.label}
              </a>
            </li>
          ) : null}
          {problem.links.map((link) => (
            <li key={link.to}>
              <Link to={link.to}>{link.label}</Link>
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
