import { zodResolver } from "@hookform/resolvers/zod";
import { PAGES } from "@mgen/contracts/rules";
import { Alert } from "@mgen/ui/messages";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { summaryItems } from "../../lib/form-errors";
import { MISSING_TOKEN, useLinkToken } from "../../lib/link-token";
import { usePolicyResolver } from "../../lib/new-password";
import { usePageTitle } from "../../lib/page-title";
import { usePasswordPolicy } from "../../lib/password-policy";
import { ErrorSummary } from "../../ui/error-summary";
import { NewPasswordFields } from "../../ui/new-password-fields";
import { PageHeading } from "../../ui/page-heading";
import {
  describeLegacyResetError,
  INVALID_LINK_LINKS,
  type LegacyResetOutput,
  type LegacyResetValues,
  legacyResetFormSchema,
  RESET_TITLES,
} from "./reset-password";
import { useLegacyResetPassword } from "./use-legacy-reset";

type View = { kind: "form" } | { kind: "invalid"; message: string } | { kind: "done" };

/**
 * `/reinitialisation#token=…` (D): the new password of an Espace, which also unlocks it.
 * No route inspects this link beforehand: the form shows at once, and a spent link is
 * said when the password is sent. Sending the form is the click SPEC "Links" asks for:
 * a mail scanner that opens the link spends nothing.
 */
export function ResetPasswordPage() {
  const token = useLinkToken();
  const [ending, setEnding] = useState<View | null>(null);
  const view: View =
    ending ?? (token ? { kind: "form" } : { kind: "invalid", message: MISSING_TOKEN });
  const title = RESET_TITLES[view.kind];
  usePageTitle(title);

  return (
    <>
      <PageHeading focusKey={view.kind}>{title}</PageHeading>
      {view.kind === "form" ? (
        <ResetForm
          token={token}
          onInvalidLink={(message) => setEnding({ kind: "invalid", message })}
          onDone={() => setEnding({ kind: "done" })}
        />
      ) : null}
      {view.kind === "invalid" ? <InvalidLink message={view.message} /> : null}
      {view.kind === "done" ? <Done /> : null}
    </>
  );
}

function InvalidLink({ message }: { message: string }) {
  return (
    <>
      <Alert>
        <p>{message}</p>
      </Alert>
      <ul className="link-list">
        {INVALID_LINK_LINKS.map((link) => (
          <li key={link.to}>
            <Link to={link.to}>{link.label}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}

function Done() {
  return (
    <>
      <p>Votre compte est débloqué.</p>
      <p>Lors de votre prochaine connexion vous pourrez changer votre identifiant.</p>
      <p className="actions">
        <Link className="button" to={PAGES.signIn}>
          Me connecter
        </Link>
      </p>
    </>
  );
}

const FIELDS = [
  { name: "password", id: "new-password" },
  { name: "confirmation", id: "confirmation" },
] as const;

const RESOLVER = zodResolver(legacyResetFormSchema);

/** No personal data is known here: the server checks the password against it anyway. */
const NO_PERSONAL_DATA = {};

type FormProps = {
  token: string;
  onInvalidLink: (message: string) => void;
  onDone: () => void;
};

function ResetForm({ token, onInvalidLink, onDone }: FormProps) {
  const policy = usePasswordPolicy();
  const reset = useLegacyResetPassword();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<LegacyResetValues, unknown, LegacyResetOutput>({
    resolver: usePolicyResolver(RESOLVER, policy, NO_PERSONAL_DATA),
    defaultValues: { password: "", confirmation: "" },
  });
  const { errors, submitCount } = form.formState;
  const password = form.watch("password");

  const onSubmit = form.handleSubmit(({ password }) => {
    if (reset.isPending) return;
    setFailure(null);
    reset.mutate(
      { token, password },
      {
        onSuccess: onDone,
        onError: (error) => {
          const problem = describeLegacyResetError(error);
          if (problem.kind === "invalid-link") return onInvalidLink(problem.message);
          if (problem.kind === "alert") return setFailure(problem.message);
          form.setError(
            "password",
            { type: "server", message: problem.message },
            { shouldFocus: true },
          );
        },
      },
    );
  });

  const summary = submitCount > 0 ? summaryItems(errors, FIELDS) : [];

  return (
    <>
      {failure ? (
        <Alert>
          <p>{failure}</p>
        </Alert>
      ) : null}
      <ErrorSummary items={summary} />
      <p>
        Ce mot de passe vous servira à vous connecter avec votre numéro de sécurité sociale. Il
        débloque aussi votre compte s'il était bloqué.
      </p>
      <form className="form" noValidate onSubmit={onSubmit}>
        <NewPasswordFields
          passwordField={form.register("password")}
          confirmationField={form.register("confirmation")}
          password={password}
          policy={policy}
          errors={{
            password: errors.password?.message,
            confirmation: errors.confirmation?.message,
          }}
        />
        <button type="submit" className="button">
          Enregistrer le nouveau mot de passe
        </button>
      </form>
    </>
  );
}
