import { zodResolver } from "@hookform/resolvers/zod";
import { PAGES } from "@mgen/contracts/rules";
import { TextField } from "@mgen/ui/field";
import { Alert, Loading } from "@mgen/ui/messages";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { summaryItems } from "../../lib/form-errors";
import { HELP_SECTIONS, helpHref } from "../../lib/help";
import { MISSING_TOKEN, useLinkToken } from "../../lib/link-token";
import { usePolicyResolver } from "../../lib/new-password";
import { usePageTitle } from "../../lib/page-title";
import { usePasswordPolicy } from "../../lib/password-policy";
import { retryHint } from "../../lib/rate-limit";
import { ErrorSummary } from "../../ui/error-summary";
import { MemberService } from "../../ui/member-service";
import { NewPasswordFields } from "../../ui/new-password-fields";
import { PageHeading } from "../../ui/page-heading";
import { describeResetError, type ResetProblem } from "./reset-errors";
import {
  type ResetOutput,
  type ResetValues,
  resetFormSchema,
  toResetRequest,
} from "./reset-schema";
import { useInspectReset, useResetPassword } from "./use-connect-reset";

type View =
  /** The link is read; nothing is sent until the member clicks "Continuer". */
  | { kind: "ready" }
  | { kind: "checking" }
  | { kind: "failed"; message: string; hint: string | null }
  | { kind: "invalid"; message: string }
  | { kind: "form"; secretQuestion: string | null }
  | { kind: "locked"; message: string }
  | { kind: "done"; linkedToEspace: boolean };

const TITLES: Record<View["kind"], string> = {
  ready: "Nouveau mot de passe MGEN Connect",
  checking: "Nouveau mot de passe MGEN Connect",
  failed: "Nouveau mot de passe MGEN Connect",
  invalid: "Ce lien n'est plus valable",
  form: "Nouveau mot de passe MGEN Connect",
  locked: "Changement de mot de passe bloqué",
  done: "Votre mot de passe MGEN Connect a été modifié",
};

/**
 * `/connect/reinitialisation#token=…` (F). Nothing is sent before the member clicks
 * "Continuer" (SPEC "Links": a mail scanner that opens the link spends nothing); then the
 * link is checked (is it still good, is there a secret question?), and the new password
 * is chosen.
 */
export function ConnectResetPasswordPage() {
  const token = useLinkToken();
  const inspect = useInspectReset();
  // Set when the reset itself is refused for its link or locked, or once it succeeded.
  const [ending, setEnding] = useState<View | null>(null);

  const check = () => {
    if (!inspect.isPending) inspect.mutate(token);
  };

  let view: View;
  if (ending) view = ending;
  else if (!token) view = { kind: "invalid", message: MISSING_TOKEN };
  else if (inspect.isIdle) view = { kind: "ready" };
  else if (inspect.data) view = { kind: "form", secretQuestion: inspect.data.secretQuestion };
  else if (inspect.error) {
    const problem = describeResetError(inspect.error);
    if (problem.kind === "invalid-link") view = { kind: "invalid", message: problem.message };
    else if (problem.kind === "locked") view = { kind: "locked", message: problem.message };
    else {
      const message = problem.kind === "alert" ? problem.message : inspect.error.message;
      view = { kind: "failed", message, hint: retryHint(inspect.error) };
    }
  } else view = { kind: "checking" };

  const title = TITLES[view.kind];
  usePageTitle(title);

  const onDone = (linkedToEspace: boolean) => setEnding({ kind: "done", linkedToEspace });

  return (
    <>
      <PageHeading focusKey={view.kind}>{title}</PageHeading>
      {view.kind === "ready" ? (
        <>
          <p>
            Ce lien vous permet de choisir un nouveau mot de passe pour votre identifiant MGEN
            Connect. Il débloque aussi votre identifiant et valide votre adresse email.
          </p>
          <p className="actions">
            <button type="button" className="button" onClick={check}>
              Continuer
            </button>
          </p>
        </>
      ) : null}
      {view.kind === "checking" ? <Loading label="Vérification du lien en cours…" /> : null}
      {view.kind === "failed" ? (
        <>
          <Alert>
            <p>{view.message}</p>
            {view.hint ? <p>{view.hint}</p> : null}
          </Alert>
          <p className="actions">
            <button type="button" className="button" onClick={check}>
              Réessayer
            </button>
          </p>
        </>
      ) : null}
      {view.kind === "invalid" ? <InvalidLink message={view.message} /> : null}
      {view.kind === "form" ? (
        <ResetForm
          token={token}
          secretQuestion={view.secretQuestion}
          onInvalidLink={(message) => setEnding({ kind: "invalid", message })}
          onLocked={(message) => setEnding({ kind: "locked", message })}
          onDone={onDone}
        />
      ) : null}
      {view.kind === "locked" ? <Locked message={view.message} /> : null}
      {view.kind === "done" ? <Done linkedToEspace={view.linkedToEspace} /> : null}
    </>
  );
}

/**
 * Too many wrong answers to the secret question for this identity (ACCOUNT_LOCKED): the
 * server no longer checks answers, so no form is offered again; an adviser can help.
 */
function Locked({ message }: { message: string }) {
  return (
    <>
      <Alert>
        <p>{message}</p>
      </Alert>
      <p>
        Pour joindre un conseiller, appelez <MemberService />.
      </p>
      <p>
        <Link to={PAGES.signIn}>Revenir à la connexion</Link>
      </p>
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
        <li>
          <Link to={PAGES.connectForgotPassword}>Demander un nouveau lien</Link>
        </li>
        <li>
          <Link to={helpHref(HELP_SECTIONS.connectPasswordForgotten)}>
            Aide : mot de passe MGEN Connect oublié
          </Link>
        </li>
      </ul>
    </>
  );
}

function Done({ linkedToEspace }: { linkedToEspace: boolean }) {
  return (
    <>
      <p>
        Votre identifiant est débloqué et validé. Vous pouvez vous connecter avec votre adresse
        email et ce nouveau mot de passe.
      </p>
      {/* An identity of another site (MGEN Avantage, forum…) is linked from the wizard. */}
      {linkedToEspace ? null : (
        <p>
          Pour associer cet identifiant à votre Espace personnel, connectez-vous avec votre numéro
          de sécurité sociale.
        </p>
      )}
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
  { name: "secretAnswer", id: "secret-answer" },
] as const;

const RESOLVERS = {
  withAnswer: zodResolver(resetFormSchema(true)),
  withoutAnswer: zodResolver(resetFormSchema(false)),
};

/** No personal data is known here: the server checks the password against it anyway. */
const NO_PERSONAL_DATA = {};

type FormProps = {
  token: string;
  secretQuestion: string | null;
  onInvalidLink: (message: string) => void;
  onLocked: (message: string) => void;
  onDone: (linkedToEspace: boolean) => void;
};

function ResetForm({ token, secretQuestion, onInvalidLink, onLocked, onDone }: FormProps) {
  const askAnswer = secretQuestion !== null;
  const policy = usePasswordPolicy();
  const reset = useResetPassword();
  const [failure, setFailure] = useState<Extract<ResetProblem, { kind: "alert" }> | null>(null);
  const form = useForm<ResetValues, unknown, ResetOutput>({
    resolver: usePolicyResolver(
      askAnswer ? RESOLVERS.withAnswer : RESOLVERS.withoutAnswer,
      policy,
      NO_PERSONAL_DATA,
    ),
    defaultValues: { password: "", confirmation: "", secretAnswer: "" },
  });
  const { errors, submitCount } = form.formState;
  const password = form.watch("password");

  const onSubmit = form.handleSubmit((values) => {
    if (reset.isPending) return;
    setFailure(null);
    reset.mutate(toResetRequest(token, values, askAnswer), {
      onSuccess: (result) => onDone(result.linkedToEspace),
      onError: (error) => {
        const problem = describeResetError(error);
        if (problem.kind === "invalid-link") return onInvalidLink(problem.message);
        if (problem.kind === "locked") return onLocked(problem.message);
        if (problem.kind === "alert") return setFailure(problem);
        const entries = Object.entries(problem.fields) as Array<
          ["password" | "secretAnswer", string]
        >;
        entries.forEach(([field, message], index) => {
          form.setError(field, { type: "server", message }, { shouldFocus: index === 0 });
        });
        if (problem.alert) setFailure({ kind: "alert", message: problem.alert });
      },
    });
  });

  const shown = askAnswer ? FIELDS : FIELDS.filter((f) => f.name !== "secretAnswer");
  const summary = submitCount > 0 ? summaryItems(errors, shown) : [];

  return (
    <>
      {failure ? (
        <Alert>
          <p>{failure.message}</p>
          {failure.help ? (
            <p>
              <Link to={failure.help.to}>{failure.help.label}</Link>
            </p>
          ) : null}
        </Alert>
      ) : null}
      <ErrorSummary items={summary} />
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
        {askAnswer ? (
          <>
            <div className="panel">
              <p id="secret-question-text">
                Votre question secrète : <strong>{secretQuestion}</strong>
              </p>
            </div>
            <TextField
              id="secret-answer"
              label="Réponse à la question secrète"
              hint="Les majuscules et les accents ne comptent pas."
              describedBy="secret-question-text"
              error={errors.secretAnswer?.message}
              autoComplete="off"
              spellCheck={false}
              {...form.register("secretAnswer")}
            />
          </>
        ) : null}
        <button type="submit" className="button">
          Enregistrer le nouveau mot de passe
        </button>
      </form>
    </>
  );
}
