import { zodResolver } from "@hookform/resolvers/zod";
import { currentPasswordSchema } from "@mgen/contracts";
import { PAGES } from "@mgen/contracts/rules";
import { Alert } from "@mgen/ui/messages";
import { PasswordField } from "@mgen/ui/password-field";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { z } from "zod/mini";
import { isApiError } from "../../lib/api";
import { summaryItems } from "../../lib/form-errors";
import type { EmailPrefill } from "../../lib/prefill";
import { useSignOut } from "../../lib/session";
import { ErrorSummary } from "../../ui/error-summary";
import { describeLinkError, type LinkProblem } from "./link-errors";
import { useLinkIdentity } from "./use-migration";

const linkFormSchema = z.object({ password: currentPasswordSchema });
type Values = z.input<typeof linkFormSchema>;

const FIELDS = [{ name: "password", id: "connect-password" }] as const;

type Props = { email: string; onEditEmail: (error?: string) => void };

/** Step 2 when the address already has an MGEN Connect identity linked to no Espace (C). */
export function StepLink({ email, onEditEmail }: Props) {
  const link = useLinkIdentity();
  const [problem, setProblem] = useState<LinkProblem | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(linkFormSchema),
    defaultValues: { password: "" },
  });
  const { errors, submitCount } = form.formState;

  const onSubmit = form.handleSubmit(({ password }) => {
    if (link.isPending) return;
    setProblem(null);
    link.mutate(
      { email, password },
      {
        onError: (error) => {
          if (isApiError(error, "EMAIL_TAKEN")) {
            return onEditEmail(error.fields?.email ?? error.message);
          }
          // No longer the address the server holds for step 1 (changed in another tab).
          if (isApiError(error, "VALIDATION_ERROR") && error.fields?.email) {
            return onEditEmail(error.fields.email);
          }
          if (!isApiError(error)) return;
          const next = describeLinkError(error);
          setProblem(next);
          if (next.kind === "retry" && error.code === "INVALID_CREDENTIALS") {
            form.resetField("password");
            form.setFocus("password");
          }
        },
      },
    );
  });

  const summary = submitCount > 0 ? summaryItems(errors, FIELDS) : [];
  const forgotten: EmailPrefill = { email };

  return (
    <>
      {problem?.kind === "retry" ? (
        <Alert>
          <p>{problem.message}</p>
          {problem.help ? (
            <p>
              <Link to={problem.help.to}>{problem.help.label}</Link>
            </p>
          ) : null}
        </Alert>
      ) : null}
      <ErrorSummary items={summary} />
      <p>
        Cette adresse email est déjà associée à un identifiant MGEN Connect (MGEN Avantage, forum
        MGEN…). Saisissez le mot de passe de ce compte pour l'associer à votre Espace personnel.
      </p>
      <div className="panel">
        <p className="chosen-email">
          Identifiant MGEN Connect : <strong>{email}</strong>
        </p>
        <p>
          <button type="button" className="button-link" onClick={() => onEditEmail()}>
            Modifier
          </button>
        </p>
      </div>
      {problem?.kind === "blocked" ? (
        <Blocked problem={problem} />
      ) : (
        <>
          <form className="form" noValidate onSubmit={onSubmit}>
            <PasswordField
              id="connect-password"
              label="Mot de passe MGEN Connect"
              toggleLabel="le mot de passe MGEN Connect"
              error={errors.password?.message}
              autoComplete="current-password"
              {...form.register("password")}
            />
            <button type="submit" className="button">
              Associer mon identifiant
            </button>
          </form>
          <p>
            <Link to={PAGES.connectForgotPassword} state={forgotten}>
              Mot de passe oublié ?
            </Link>
          </p>
        </>
      )}
    </>
  );
}

/** The identity cannot be linked before its password is reset: the way out, nothing else. */
function Blocked({ problem }: { problem: LinkProblem }) {
  const signOut = useSignOut();
  const ref = useRef<HTMLDivElement>(null);
  // The form under the keyboard focus is gone: the explanation takes its place.
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1}>
      <Alert>
        <p>{problem.message}</p>
        {problem.help ? (
          <p>
            <Link to={problem.help.to}>{problem.help.label}</Link>
          </p>
        ) : null}
      </Alert>
      <p className="actions">
        <button type="button" className="button" onClick={() => signOut.mutate()}>
          Revenir à la connexion
        </button>
      </p>
      {signOut.isError ? (
        <Alert>
          <p>{signOut.error.message}</p>
        </Alert>
      ) : null}
    </div>
  );
}
