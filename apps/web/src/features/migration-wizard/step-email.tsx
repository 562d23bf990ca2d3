import { zodResolver } from "@hookform/resolvers/zod";
import { migrationEmailRequestSchema } from "@mgen/contracts";
import { PAGES } from "@mgen/contracts/rules";
import { TextField } from "@mgen/ui/field";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import type { z } from "zod/mini";
import { isApiError } from "../../lib/api";
import { applyServerFieldErrors, summaryItems } from "../../lib/form-errors";
import { retryHint } from "../../lib/rate-limit";
import { ErrorSummary } from "../../ui/error-summary";
import { FocusedAlert } from "../../ui/focused-alert";
import { suggestEmail } from "./email-suggestion";
import { useChooseEmail } from "./use-migration";

type Values = z.input<typeof migrationEmailRequestSchema>;
type Output = z.output<typeof migrationEmailRequestSchema>;

const FIELDS = [{ name: "email", id: "email" }] as const;

type Failure = { message: string; hint: string | null };

type Props = {
  defaultEmail: string;
  contactEmailTaken: boolean;
  /** Why the server sent the member back here (EMAIL_TAKEN at step 2). */
  serverError?: string | undefined;
  onDone: () => void;
  /** Back to the step the member left to change the address, unchanged. */
  onCancel?: (() => void) | undefined;
};

export function StepEmail({
  defaultEmail,
  contactEmailTaken,
  serverError,
  onDone,
  onCancel,
}: Props) {
  const choose = useChooseEmail();
  // A refusal that is about no field (RATE_LIMITED, a network failure): above the form.
  const [failure, setFailure] = useState<Failure | null>(null);
  const form = useForm<Values, unknown, Output>({
    resolver: zodResolver(migrationEmailRequestSchema),
    defaultValues: { email: defaultEmail },
  });
  const { errors, submitCount, touchedFields, dirtyFields } = form.formState;
  // Judged once the member leaves the field (or on the pre-filled address), not at every
  // key: "Vouliez-vous dire …@gmail.com ?" at "…@gm" would only interrupt.
  const typed = form.watch("email");
  const suggestion = touchedFields.email || !dirtyFields.email ? suggestEmail(typed ?? "") : null;

  useEffect(() => {
    if (serverError) form.setError("email", { type: "server", message: serverError });
  }, [serverError, form]);

  const onSubmit = form.handleSubmit(({ email }) => {
    if (choose.isPending) return;
    setFailure(null);
    choose.mutate(email, {
      onSuccess: onDone,
      onError: (error) => {
        if (isApiError(error, "EMAIL_TAKEN")) {
          form.setError("email", { type: "server", message: error.message }, { shouldFocus: true });
          return;
        }
        if (
          isApiError(error) &&
          applyServerFieldErrors(error, { email: "email" }, form.setError) > 0
        ) {
          return;
        }
        setFailure({ message: error.message, hint: retryHint(error) });
      },
    });
  });

  const summary = submitCount > 0 ? summaryItems(errors, FIELDS) : [];

  return (
    <>
      {failure ? (
        <FocusedAlert>
          <p>{failure.message}</p>
          {failure.hint ? <p>{failure.hint}</p> : null}
        </FocusedAlert>
      ) : null}
      <ErrorSummary items={summary} />
      <p>
        Indiquez l'adresse email que vous souhaitez utiliser comme identifiant de connexion à votre
        Espace personnel.
      </p>
      {contactEmailTaken ? (
        <div className="message message--info">
          <p>
            Votre adresse email habituelle est déjà l'identifiant d'un autre Espace personnel (celui
            d'un proche, par exemple). Une adresse ne peut servir qu'à un seul Espace :
            choisissez-en une autre.
          </p>
        </div>
      ) : null}
      <form className="form" noValidate onSubmit={onSubmit}>
        <TextField
          id="email"
          type="email"
          label="Adresse email"
          hint="Par exemple : prenom.nom@exemple.fr"
          error={errors.email?.message}
          autoComplete="email"
          spellCheck={false}
          autoCapitalize="none"
          describedBy={suggestion ? "email-suggestion" : undefined}
          {...form.register("email")}
        />
        <div className={suggestion ? "suggestion suggestion--shown" : "suggestion"}>
          <p id="email-suggestion" className="suggestion__text" role="status">
            {suggestion ? (
              <>
                Vouliez-vous dire <strong>{suggestion}</strong> ?
              </>
            ) : null}
          </p>
          {suggestion ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                form.setValue("email", suggestion, {
                  shouldDirty: true,
                  shouldValidate: submitCount > 0,
                });
                form.setFocus("email");
              }}
            >
              Utiliser cette adresse
            </button>
          ) : null}
        </div>
        <p>
          <Link to={PAGES.helpCreateEmail}>Vous n'avez pas d'adresse email ?</Link>
        </p>
        <div className="actions">
          <button type="submit" className="button">
            Continuer
          </button>
          {onCancel ? (
            <button type="button" className="button button--secondary" onClick={onCancel}>
              Annuler
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
}
