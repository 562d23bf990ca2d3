import { zodResolver } from "@hookform/resolvers/zod";
import { connectForgotPasswordRequestSchema } from "@mgen/contracts";
import { PAGES } from "@mgen/contracts/rules";
import { TextField } from "@mgen/ui/field";
import { Alert } from "@mgen/ui/messages";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useLocation } from "react-router";
import type { z } from "zod/mini";
import { isApiError } from "../../lib/api";
import { applyServerFieldErrors, summaryItems } from "../../lib/form-errors";
import { HELP_SECTIONS, helpHref } from "../../lib/help";
import { usePageTitle } from "../../lib/page-title";
import { readPrefill } from "../../lib/prefill";
import { retryHint } from "../../lib/rate-limit";
import { ErrorSummary } from "../../ui/error-summary";
import { PageHeading } from "../../ui/page-heading";
import { useConnectForgotPassword } from "./use-connect-reset";

type Values = z.input<typeof connectForgotPasswordRequestSchema>;
type Output = z.output<typeof connectForgotPasswordRequestSchema>;

const FIELDS = [{ name: "email", id: "email" }] as const;

/** `/connect/mot-de-passe-oublie` (F): an MGEN Connect reset link, asked by address. */
export function ConnectForgotPasswordPage() {
  usePageTitle("Mot de passe MGEN Connect oublié");
  const location = useLocation();
  const [prefilled] = useState(() => readPrefill(location.state, "email"));
  const forgot = useConnectForgotPassword();
  const form = useForm<Values, unknown, Output>({
    resolver: zodResolver(connectForgotPasswordRequestSchema),
    defaultValues: { email: prefilled },
  });
  const { errors, submitCount } = form.formState;

  const onSubmit = form.handleSubmit(({ email }) => {
    if (forgot.isPending) return;
    forgot.mutate(email, {
      onError: (error) => {
        if (isApiError(error, "VALIDATION_ERROR")) {
          applyServerFieldErrors(error, { email: "email" }, (field, e) =>
            form.setError(field, e, { shouldFocus: true }),
          );
        }
      },
    });
  });

  const summary = submitCount > 0 ? summaryItems(errors, FIELDS) : [];
  const failure =
    forgot.error && !(isApiError(forgot.error, "VALIDATION_ERROR") && forgot.error.fields?.email)
      ? forgot.error
      : null;
  const hint = retryHint(failure, "un lien");

  return (
    <>
      <PageHeading>Mot de passe MGEN Connect oublié</PageHeading>
      {forgot.data ? (
        <Sent message={forgot.data.message} />
      ) : (
        <>
          {failure ? (
            <Alert>
              <p>{failure.message}</p>
              {hint ? <p>{hint}</p> : null}
            </Alert>
          ) : null}
          <ErrorSummary items={summary} />
          <p>
            Indiquez l'adresse email de votre identifiant MGEN Connect : vous recevrez un lien pour
            choisir un nouveau mot de passe. Ce lien débloque aussi votre identifiant et valide
            votre adresse.
          </p>
          <form className="form" noValidate onSubmit={onSubmit}>
            <TextField
              id="email"
              type="email"
              label="Adresse email"
              error={errors.email?.message}
              autoComplete="email"
              spellCheck={false}
              autoCapitalize="none"
              {...form.register("email")}
            />
            <button type="submit" className="button">
              Recevoir un lien
            </button>
          </form>
          <ul className="link-list">
            <li>
              <Link to={PAGES.signIn}>Revenir à la connexion</Link>
            </li>
            <li>
              <Link to={helpHref(HELP_SECTIONS.connectPasswordForgotten)}>
                Aide : mot de passe MGEN Connect oublié
              </Link>
            </li>
          </ul>
        </>
      )}
    </>
  );
}

/** The same answer whatever the address: it reveals nothing about who has an identity. */
function Sent({ message }: { message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // The form under the focus is gone: the answer takes its place.
  useEffect(() => ref.current?.focus(), []);
  return (
    <>
      <div ref={ref} className="message message--success" role="status" tabIndex={-1}>
        <p>{message}</p>
        <p>Le lien est valable 1 heure. Pensez à vérifier vos courriers indésirables.</p>
      </div>
      <p>
        <Link to={PAGES.signIn}>Revenir à la connexion</Link>
      </p>
    </>
  );
}
