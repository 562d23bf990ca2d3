import { zodResolver } from "@hookform/resolvers/zod";
import { SelectField, TextField } from "@mgen/ui/field";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { isApiError } from "../../lib/api";
import { applyServerFieldErrors, summaryItems } from "../../lib/form-errors";
import { usePolicyResolver } from "../../lib/new-password";
import { usePasswordPolicy } from "../../lib/password-policy";
import { retryHint } from "../../lib/rate-limit";
import { ErrorSummary } from "../../ui/error-summary";
import { FocusedAlert } from "../../ui/focused-alert";
import { NewPasswordFields } from "../../ui/new-password-fields";
import {
  type SecurityOutput,
  type SecurityValues,
  securityFormSchema,
  toCreateRequest,
} from "./security-schema";
import { useCreateIdentity, useSecretQuestions } from "./use-migration";

const FIELDS = [
  { name: "password", id: "new-password" },
  { name: "confirmation", id: "confirmation" },
  { name: "secretQuestionId", id: "secret-question" },
  { name: "secretAnswer", id: "secret-answer" },
] as const;

const SERVER_FIELDS = {
  password: "password",
  secretQuestionId: "secretQuestionId",
  secretAnswer: "secretAnswer",
} as const;

type Failure = { message: string; hint: string | null };

type Props = {
  email: string;
  firstName: string;
  /** Back to step 1, with the server's reason when it refused the address. */
  onEditEmail: (error?: string) => void;
};

const resolver = zodResolver(securityFormSchema);

export function StepSecurity({ email, firstName, onEditEmail }: Props) {
  const policy = usePasswordPolicy();
  const questions = useSecretQuestions();
  const create = useCreateIdentity();
  // A refusal that is about no field (RATE_LIMITED, a network failure): above the form.
  const [failure, setFailure] = useState<Failure | null>(null);
  const form = useForm<SecurityValues, unknown, SecurityOutput>({
    resolver: usePolicyResolver(resolver, policy, { firstName, email }),
    defaultValues: { password: "", confirmation: "", secretQuestionId: "", secretAnswer: "" },
  });
  const { errors, submitCount } = form.formState;
  const password = form.watch("password");
  // The answer field comes once a question is chosen: an answer to nothing means nothing.
  const questionChosen = form.watch("secretQuestionId") !== "";

  const onSubmit = form.handleSubmit((values) => {
    if (create.isPending) return;
    setFailure(null);
    const verdict = policy?.(values.password, { firstName, email });
    if (verdict && !verdict.ok) {
      form.setError(
        "password",
        { type: "policy", message: verdict.problems.join(" ") },
        { shouldFocus: true },
      );
      return;
    }
    create.mutate(toCreateRequest(email, values), {
      onError: (error) => {
        if (isApiError(error, "EMAIL_TAKEN")) return onEditEmail(error.message);
        if (isApiError(error, "WEAK_PASSWORD")) {
          const message = error.fields?.password ?? error.message;
          form.setError("password", { type: "server", message }, { shouldFocus: true });
          return;
        }
        if (isApiError(error, "VALIDATION_ERROR") && error.fields?.email) {
          return onEditEmail(error.fields.email);
        }
        if (isApiError(error) && applyServerFieldErrors(error, SERVER_FIELDS, form.setError) > 0) {
          return;
        }
        setFailure({ message: error.message, hint: retryHint(error) });
      },
    });
  });

  const shown = questionChosen ? FIELDS : FIELDS.filter((f) => f.name !== "secretAnswer");
  const summary = submitCount > 0 ? summaryItems(errors, shown) : [];

  return (
    <>
      {failure ? (
        <FocusedAlert>
          <p>{failure.message}</p>
          {failure.hint ? <p>{failure.hint}</p> : null}
        </FocusedAlert>
      ) : null}
      <ErrorSummary items={summary} />
      <div className="panel">
        <p className="chosen-email">
          Votre nouvel identifiant de connexion : <strong>{email}</strong>
        </p>
        <p>
          <button type="button" className="button-link" onClick={() => onEditEmail()}>
            Modifier
          </button>
        </p>
      </div>

      <form className="form" noValidate onSubmit={onSubmit}>
        <h3>Votre mot de passe</h3>
        <NewPasswordFields
          passwordField={form.register("password")}
          confirmationField={form.register("confirmation")}
          password={password}
          policy={policy}
          errors={{
            password: errors.password?.message,
            confirmation: errors.confirmation?.message,
          }}
          firstName={firstName}
          email={email}
        />

        <h3>En cas d'oubli</h3>
        <p>
          Ces derniers éléments vous seront demandés en cas d'oubli de mot de passe ou de déblocage
          de votre compte, pensez bien à les mémoriser.
        </p>
        <SelectField
          id="secret-question"
          label="Question secrète"
          error={errors.secretQuestionId?.message}
          {...form.register("secretQuestionId")}
        >
          <option value="">Choisissez une question</option>
          {(questions.data ?? []).map((question) => (
            <option key={question.id} value={question.id}>
              {question.label}
            </option>
          ))}
        </SelectField>
        {questionChosen ? (
          <TextField
            id="secret-answer"
            label="Réponse à la question secrète"
            hint="Au moins 3 caractères. Les majuscules et les accents ne comptent pas."
            error={errors.secretAnswer?.message}
            autoComplete="off"
            spellCheck={false}
            {...form.register("secretAnswer")}
          />
        ) : null}
        <button type="submit" className="button">
          Valider
        </button>
      </form>
    </>
  );
}
