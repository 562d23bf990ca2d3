import { zodResolver } from "@hookform/resolvers/zod";
import { PASSWORD_MIN_LENGTH } from "@mgen/contracts";
import type { StaffEnrolmentInfo } from "@mgen/contracts/staff";
import { TextField } from "@mgen/ui/field";
import { Alert, Loading } from "@mgen/ui/messages";
import { PasswordField } from "@mgen/ui/password-field";
import { type ReactNode, useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { isApiError } from "../../lib/api";
import { applyServerFieldErrors, summaryItems } from "../../lib/form-errors";
import { useLinkToken } from "../../lib/link-token";
import { usePageTitle } from "../../lib/page-title";
import { CONSOLE_PAGES } from "../../lib/pages";
import { ErrorSummary } from "../../ui/error-summary";
import { PageHeading } from "../../ui/page-heading";
import {
  type EnrolmentOutput,
  type EnrolmentValues,
  enrolmentFormSchema,
  groupKey,
} from "./enrolment-schema";
import { QrCode } from "./qr-code";
import { useEnrol, useEnrolmentInfo } from "./use-enrolment";

const ASK_A_SUPERVISEUR =
  "Demandez un nouveau lien d'enrôlement à un superviseur : il est valable 24 heures et ne sert qu'une fois.";

/**
 * `/console/enrolement#token=…`, the link `pnpm staff:create` prints: the adviser
 * installs the TOTP key (QR code or key typed), chooses a password, and confirms with a
 * first code.
 */
export function EnrolmentPage() {
  usePageTitle("Activation du compte");
  const token = useLinkToken();
  const info = useEnrolmentInfo(token);
  const [outcome, setOutcome] = useState<"form" | "done" | "invalid">("form");

  if (token === "") {
    return (
      <LinkProblem title="Lien d'enrôlement incomplet">
        Ouvrez à nouveau le lien en entier, tel qu'il vous a été remis. {ASK_A_SUPERVISEUR}
      </LinkProblem>
    );
  }
  if (outcome === "invalid" || isApiError(info.error, "TOKEN_INVALID")) {
    return (
      <LinkProblem title="Ce lien d'enrôlement n'est plus valable">
        Il a déjà servi, a été remplacé par un lien plus récent ou a expiré. {ASK_A_SUPERVISEUR}
      </LinkProblem>
    );
  }
  if (outcome === "done") {
    return (
      <div className="narrow">
        <PageHeading focusKey="done">Votre compte est prêt</PageHeading>
        <p>
          Connectez-vous avec votre adresse email, votre mot de passe et un code de votre
          application d'authentification.
        </p>
        <p>
          <Link className="button" to={CONSOLE_PAGES.signIn}>
            Se connecter
          </Link>
        </p>
      </div>
    );
  }
  if (info.isError) {
    return (
      <>
        <PageHeading>Activation du compte</PageHeading>
        <Alert>
          <p>{info.error.message}</p>
          <button type="button" className="button" onClick={() => void info.refetch()}>
            Réessayer
          </button>
        </Alert>
      </>
    );
  }
  if (!info.data) return <Loading />;
  return (
    <EnrolmentForm
      token={token}
      info={info.data}
      onDone={() => setOutcome("done")}
      onInvalid={() => setOutcome("invalid")}
    />
  );
}

function LinkProblem({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="narrow">
      <PageHeading focusKey={title}>{title}</PageHeading>
      <p>{children}</p>
    </div>
  );
}

const FIELDS = [
  { name: "password", id: "password" },
  { name: "confirmation", id: "confirmation" },
  { name: "code", id: "code" },
] as const;
const resolver = zodResolver(enrolmentFormSchema);

function EnrolmentForm({
  token,
  info,
  onDone,
  onInvalid,
}: {
  token: string;
  info: StaffEnrolmentInfo;
  onDone: () => void;
  onInvalid: () => void;
}) {
  const enrol = useEnrol();
  const [problem, setProblem] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const form = useForm<EnrolmentValues, unknown, EnrolmentOutput>({
    resolver,
    defaultValues: { password: "", confirmation: "", code: "" },
    shouldFocusError: false,
  });
  const { errors, submitCount } = form.formState;

  const onSubmit = form.handleSubmit(
    ({ password, code }) => {
      if (enrol.isPending) return;
      setProblem(undefined);
      enrol.mutate(
        { token, password, code },
        {
          onSuccess: onDone,
          onError: (error) => {
            if (isApiError(error, "TOKEN_INVALID")) return onInvalid();
            form.resetField("code");
            let placed = isApiError(error, "VALIDATION_ERROR")
              ? applyServerFieldErrors(error, ["password", "code"], form.setError)
              : 0;
            if (isApiError(error, "WEAK_PASSWORD")) {
              const message = error.fields?.password ?? error.message;
              form.setError("password", { type: "server", message });
              placed += 1;
            }
            if (isApiError(error, "INVALID_CREDENTIALS")) {
              form.setError("code", { type: "server", message: error.message });
              placed += 1;
            }
            if (placed === 0) setProblem(error.message);
            setAttempt((n) => n + 1);
          },
        },
      );
    },
    () => setAttempt((n) => n + 1),
  );

  const items = submitCount > 0 ? summaryItems(errors, FIELDS) : [];
  return (
    <>
      <PageHeading>Activation du compte</PageHeading>
      <p className="lead">
        Bienvenue {info.name}. Ce compte de la console se connecte avec l'adresse{" "}
        <strong className="break">{info.email}</strong>, un mot de passe et un code à usage unique.
      </p>
      <ErrorSummary message={problem} items={items} attempt={attempt} />

      <h2>1. Ajoutez la clé à votre application d'authentification</h2>
      <div className="totp-key">
        <QrCode
          value={info.otpauthUri}
          label="QR code de votre clé, à scanner avec votre application d'authentification"
        />
        <div>
          <p>
            Scannez ce QR code avec votre application d'authentification, ou saisissez-y cette clé :
          </p>
          <p className="secret-key">{groupKey(info.secret)}</p>
          <p className="muted">
            Type : basée sur le temps (TOTP), 6 chiffres, toutes les 30 secondes. Ne communiquez
            jamais cette clé.
          </p>
        </div>
      </div>

      <h2>2. Choisissez votre mot de passe et confirmez</h2>
      <form className="form narrow" noValidate onSubmit={onSubmit}>
        <input type="hidden" autoComplete="username" value={info.email} readOnly />
        <PasswordField
          id="password"
          label="Nouveau mot de passe"
          hint={`${PASSWORD_MIN_LENGTH} caractères au moins ; une courte phrase de plusieurs mots est idéale.`}
          error={errors.password?.message}
          autoComplete="new-password"
          {...form.register("password")}
        />
        <PasswordField
          id="confirmation"
          label="Confirmez le mot de passe"
          toggleLabel="la confirmation"
          error={errors.confirmation?.message}
          autoComplete="new-password"
          {...form.register("confirmation")}
        />
        <TextField
          id="code"
          label="Code de vérification"
          hint="Les 6 chiffres que votre application affiche pour ce compte."
          error={errors.code?.message}
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          className="input input--code"
          {...form.register("code")}
        />
        <button type="submit" className="button" disabled={enrol.isPending}>
          Activer mon compte
        </button>
      </form>
    </>
  );
}
