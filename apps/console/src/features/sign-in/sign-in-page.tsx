import { zodResolver } from "@hookform/resolvers/zod";
import { staffLoginRequestSchema, staffTotpRequestSchema } from "@mgen/contracts/staff";
import { TextField } from "@mgen/ui/field";
import { Notice } from "@mgen/ui/messages";
import { PasswordField } from "@mgen/ui/password-field";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { useLocation, useNavigate } from "react-router";
import type { z } from "zod/mini";
import { isApiError } from "../../lib/api";
import { applyServerFieldErrors, summaryItems } from "../../lib/form-errors";
import { NOTICE_TEXT, readRedirectState } from "../../lib/notices";
import { usePageTitle } from "../../lib/page-title";
import { CONSOLE_PAGES } from "../../lib/pages";
import { startSession } from "../../lib/session";
import { ErrorSummary } from "../../ui/error-summary";
import { PageHeading } from "../../ui/page-heading";
import { useCodeStep, usePasswordStep } from "./use-sign-in";

/**
 * Sign-in in two steps (OPERATIONS.md §2): the address and password, then a code of the
 * adviser's authenticator app. A code step the server no longer connects to a password
 * step (UNAUTHENTICATED: too long, or another sign-in meanwhile) starts again at step 1.
 */
export function SignInPage() {
  const location = useLocation();
  const { notice, from, search } = readRedirectState(location.state);
  const [step, setStep] = useState<
    { name: "password"; problem?: string } | { name: "code"; email: string }
  >({ name: "password" });
  usePageTitle(step.name === "password" ? "Connexion" : "Code de vérification");

  return (
    <div className="narrow">
      <PageHeading>Connexion à la console</PageHeading>
      {step.name === "password" ? (
        <>
          {notice && step.problem === undefined ? (
            <Notice tone="info">{NOTICE_TEXT[notice]}</Notice>
          ) : null}
          <PasswordStep
            problem={step.problem}
            onDone={(email) => setStep({ name: "code", email })}
          />
        </>
      ) : (
        <CodeStep
          email={step.email}
          from={from}
          search={search}
          onRestart={(problem) => setStep({ name: "password", problem })}
        />
      )}
      <p className="muted">
        Mot de passe oublié, compte bloqué ou nouvelle application d'authentification :
        adressez-vous à un superviseur.
      </p>
    </div>
  );
}

type PasswordValues = z.input<typeof staffLoginRequestSchema>;
type PasswordOutput = z.output<typeof staffLoginRequestSchema>;
const PASSWORD_FIELDS = [
  { name: "email", id: "email" },
  { name: "password", id: "password" },
] as const;
const passwordResolver = zodResolver(staffLoginRequestSchema);

function PasswordStep({
  problem: initialProblem,
  onDone,
}: {
  problem?: string | undefined;
  onDone: (email: string) => void;
}) {
  const login = usePasswordStep();
  const [problem, setProblem] = useState(initialProblem);
  // A restart from step 2 arrives with its reason: the summary shows it at once.
  const [attempt, setAttempt] = useState(initialProblem ? 1 : 0);
  const form = useForm<PasswordValues, unknown, PasswordOutput>({
    resolver: passwordResolver,
    defaultValues: { email: "", password: "" },
    shouldFocusError: false,
  });
  const { errors, submitCount } = form.formState;

  const onSubmit = form.handleSubmit(
    (values) => {
      if (login.isPending) return;
      setProblem(undefined);
      login.mutate(values, {
        onSuccess: () => onDone(values.email),
        onError: (error) => {
          form.resetField("password");
          const placed = isApiError(error, "VALIDATION_ERROR")
            ? applyServerFieldErrors(error, ["email", "password"], form.setError)
            : 0;
          if (placed === 0) setProblem(error.message);
          setAttempt((n) => n + 1);
        },
      });
    },
    () => setAttempt((n) => n + 1),
  );

  const items = submitCount > 0 ? summaryItems(errors, PASSWORD_FIELDS) : [];
  return (
    <>
      <p className="lead">Étape 1 sur 2 : votre adresse email et votre mot de passe.</p>
      <ErrorSummary message={problem} items={items} attempt={attempt} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <TextField
          id="email"
          type="email"
          label="Adresse email"
          error={errors.email?.message}
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
          {...form.register("email")}
        />
        <PasswordField
          id="password"
          label="Mot de passe"
          error={errors.password?.message}
          autoComplete="current-password"
          {...form.register("password")}
        />
        <button type="submit" className="button" disabled={login.isPending}>
          Continuer
        </button>
      </form>
    </>
  );
}

type CodeValues = z.input<typeof staffTotpRequestSchema>;
type CodeOutput = z.output<typeof staffTotpRequestSchema>;
const CODE_FIELDS = [{ name: "code", id: "code" }] as const;
const codeResolver = zodResolver(staffTotpRequestSchema);

function CodeStep({
  email,
  from,
  search,
  onRestart,
}: {
  email: string;
  from: string | undefined;
  search: string | undefined;
  onRestart: (problem: string) => void;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const verify = useCodeStep();
  const [problem, setProblem] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const form = useForm<CodeValues, unknown, CodeOutput>({
    resolver: codeResolver,
    defaultValues: { code: "" },
    shouldFocusError: false,
  });
  const { errors, submitCount } = form.formState;

  // The address and password were accepted: the code is what the adviser types next.
  useEffect(() => form.setFocus("code"), [form]);

  const onSubmit = form.handleSubmit(
    (values) => {
      if (verify.isPending) return;
      setProblem(undefined);
      verify.mutate(values, {
        onSuccess: ({ name, role }) => {
          startSession(queryClient, { email, name, role });
          void navigate(from ?? CONSOLE_PAGES.search, {
            replace: true,
            ...(search ? { state: { q: search } } : {}),
          });
        },
        onError: (error) => {
          if (isApiError(error, "UNAUTHENTICATED")) {
            onRestart(error.message);
            return;
          }
          form.resetField("code");
          const placed = isApiError(error, "VALIDATION_ERROR")
            ? applyServerFieldErrors(error, ["code"], form.setError)
            : 0;
          if (placed === 0) setProblem(error.message);
          setAttempt((n) => n + 1);
        },
      });
    },
    () => setAttempt((n) => n + 1),
  );

  const items = submitCount > 0 ? summaryItems(errors, CODE_FIELDS) : [];
  return (
    <>
      <p className="lead">Étape 2 sur 2 : le code de votre application d'authentification.</p>
      <ErrorSummary message={problem} items={items} attempt={attempt} />
      <form className="form" noValidate onSubmit={onSubmit}>
        <TextField
          id="code"
          label="Code de vérification"
          hint={`Les 6 chiffres affichés en ce moment par votre application pour ${email}.`}
          error={errors.code?.message}
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          className="input input--code"
          {...form.register("code")}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={verify.isPending}>
            Se connecter
          </button>
          <button type="button" className="button-link" onClick={() => onRestart("")}>
            Recommencer avec une autre adresse
          </button>
        </div>
      </form>
    </>
  );
}
