import { PAGES } from "@mgen/contracts/rules";
import { TextField } from "@mgen/ui/field";
import { Notice } from "@mgen/ui/messages";
import { PasswordField } from "@mgen/ui/password-field";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useLocation, useNavigate } from "react-router";
import { type ApiError, isApiError } from "../../lib/api";
import { applyServerFieldErrors, summaryItems } from "../../lib/form-errors";
import { noticeText, readNotice } from "../../lib/notices";
import { usePageTitle } from "../../lib/page-title";
import { type EmailPrefill, readPrefill } from "../../lib/prefill";
import { ErrorSummary } from "../../ui/error-summary";
import { PageHeading } from "../../ui/page-heading";
import { SignInErrorAlert } from "./sign-in-error-alert";
import type { SignInProblem } from "./sign-in-errors";
import {
  LOGIN_FIELDS,
  type LoginRequest,
  nirCheckDue,
  type SignInValues,
  signInResolver,
  toLoginRequest,
} from "./sign-in-schema";
import { useLogin } from "./use-login";

/**
 * The wording of a refusal is not part of the first download (ADR 012): it is fetched
 * once the page shows, and the server's own message stands in should it fail to load.
 */
const loadSignInErrors = () => import("./sign-in-errors");

function explainRefusal(error: ApiError, kind: LoginRequest["kind"]): Promise<SignInProblem> {
  return loadSignInErrors().then(
    ({ describeSignInError }) => describeSignInError(error, kind),
    () => ({ message: error.message, links: [] }),
  );
}

const FIELDS = [
  { name: "identifier", id: "identifier" },
  { name: "password", id: "password" },
] as const;

export function SignInPage() {
  usePageTitle("Connexion");
  const location = useLocation();
  const notice = readNotice(location.state);
  // An address just validated elsewhere (/validation-email) arrives already typed in.
  const [prefilled] = useState(() => readPrefill(location.state, "identifier"));
  const navigate = useNavigate();
  const login = useLogin();
  const [problem, setProblem] = useState<SignInProblem | null>(null);
  // Judged at submission, not on every blur: an error appearing as the focus leaves a
  // field moves the button away from under the pointer, and the click is lost.
  const form = useForm<SignInValues>({
    resolver: signInResolver,
    defaultValues: { identifier: prefilled, password: "" },
  });
  const { errors, submitCount } = form.formState;
  // What "Mot de passe oublié ?" follows (an address or not).
  const [typed, setTyped] = useState(prefilled);
  const email = typed.includes("@") ? typed.trim().toLowerCase() : "";

  // Ahead of the first refusal, once the form is on screen.
  useEffect(() => {
    loadSignInErrors().catch(() => undefined);
  }, []);

  // Runs after the heading took the focus: with the identifier given, the password is next.
  useEffect(() => {
    if (prefilled) form.setFocus("password");
  }, [prefilled, form]);

  // The identifier is the exception: a NIR is judged as soon as it is complete, and on
  // leaving the field, so that a typing error is seen before any request.
  const identifier = form.register("identifier", {
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      setTyped(event.target.value);
      if (submitCount > 0) return; // after a submission the form re-checks on every change
      if (nirCheckDue(event.target.value)) void form.trigger("identifier");
      else form.clearErrors("identifier");
    },
    onBlur: (event: React.FocusEvent<HTMLInputElement>) => {
      if (submitCount === 0 && event.target.value.trim() !== "") void form.trigger("identifier");
    },
  });

  const onSubmit = form.handleSubmit((values) => {
    if (login.isPending) return;
    setProblem(null);
    const request = toLoginRequest(values);
    login.mutate(request, {
      onSuccess: (session) => {
        void navigate(session.state === "migration" ? PAGES.migration : PAGES.memberArea);
      },
      onError: (error) => {
        if (isApiError(error, "VALIDATION_ERROR")) {
          const placed = applyServerFieldErrors(error, LOGIN_FIELDS, (field, e) =>
            form.setError(field, e, { shouldFocus: true }),
          );
          if (placed > 0) return;
        }
        if (isApiError(error)) void explainRefusal(error, request.kind).then(setProblem);
      },
    });
  });

  const switchIdentifier = () => {
    setTyped("");
    form.setValue("identifier", "");
    form.clearErrors("identifier");
    form.setFocus("identifier");
  };

  const summary = submitCount > 0 ? summaryItems(errors, FIELDS) : [];

  return (
    <>
      <PageHeading>Connexion à votre Espace personnel</PageHeading>
      {notice ? <Notice tone="info">{noticeText(notice)}</Notice> : null}
      {problem ? (
        <SignInErrorAlert problem={problem} fieldId="identifier" onAction={switchIdentifier} />
      ) : null}
      <ErrorSummary items={summary} />

      <form className="form" noValidate onSubmit={onSubmit}>
        <TextField
          id="identifier"
          label="Identifiant"
          hint="Votre numéro de sécurité sociale (15 caractères) ou votre adresse email MGEN Connect"
          error={errors.identifier?.message}
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
          {...identifier}
        />
        <PasswordField
          id="password"
          label="Mot de passe"
          error={errors.password?.message}
          autoComplete="current-password"
          {...form.register("password")}
        />
        <button type="submit" className="button">
          Se connecter
        </button>
      </form>

      <ul className="link-list">
        <li>
          {/* Follows the identifier typed: an address (a member who signs in by email) opens
              the MGEN Connect reset, the address filled in; a NIR or nothing, the NIR form. */}
          <Link
            to={email ? PAGES.connectForgotPassword : PAGES.legacyForgotPassword}
            state={email ? ({ email } satisfies EmailPrefill) : undefined}
          >
            Mot de passe oublié ?
          </Link>
        </li>
        <li>
          <Link to={PAGES.legacyUnlock}>Votre compte est bloqué ?</Link>
        </li>
        <li>
          <Link to={PAGES.help}>Besoin d'aide ?</Link>
        </li>
      </ul>
    </>
  );
}
