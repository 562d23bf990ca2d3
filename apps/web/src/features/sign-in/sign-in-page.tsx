import { PAGES } from "@mgen/contracts/rules";
import { TextField } from "@mgen/ui/field";
import { Alert, Notice } from "@mgen/ui/messages";
import { PasswordField } from "@mgen/ui/password-field";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useLocation, useNavigate } from "react-router";
import { type ApiError, isApiError } from "../../lib/api";
import { applyServerFieldErrors, summaryItems } from "../../lib/form-errors";
import { useHydrated } from "../../lib/hydration";
import { noticeText, readNotice } from "../../lib/notices";
import { usePageTitle } from "../../lib/page-title";
import { type EmailPrefill, readPrefill } from "../../lib/prefill";
import { PageHeading } from "../../ui/page-heading";
import type { SignInErrorAlert } from "./sign-in-error-alert";
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
 * The wording of a refusal, the alert that shows it and the form's error summary are not
 * part of the first download (ADR 012, issue 17): fetched once the page shows. Should
 * they fail to load, the server's own message stands in, in a plain alert, and the
 * fields still say what is wrong with them.
 */
const loadSignInErrors = () => import("./sign-in-errors");
type SignInErrorsModule = Awaited<ReturnType<typeof loadSignInErrors>>;

type Refusal = { problem: SignInProblem; ShowAlert: typeof SignInErrorAlert | null };

function explainRefusal(error: ApiError, kind: LoginRequest["kind"]): Promise<Refusal> {
  return loadSignInErrors().then(
    (m) => ({ problem: m.describeSignInError(error, kind), ShowAlert: m.SignInErrorAlert }),
    () => ({ problem: { message: error.message, links: [] }, ShowAlert: null }),
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
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  // Judged at submission, not on every blur: an error appearing as the focus leaves a
  // field moves the button away from under the pointer, and the click is lost.
  const form = useForm<SignInValues>({
    resolver: signInResolver,
    // No default value otherwise: react-hook-form then takes a field's value from the page
    // instead of emptying it, and keeps what a member typed into the prerendered form
    // before React took it over (ADR 026).
    defaultValues: prefilled ? { identifier: prefilled } : {},
  });
  const { errors, submitCount } = form.formState;
  // What "Mot de passe oublié ?" follows (an address or not).
  const [typed, setTyped] = useState(prefilled);
  const email = typed.includes("@") ? typed.trim().toLowerCase() : "";

  // Disabled in the prerendered HTML until sign-in-boot.js can hold a submission (ADR 026).
  const hydrated = useHydrated();
  const formElement = useRef<HTMLFormElement>(null);

  // Ahead of the first refusal, once the form is on screen.
  const [loaded, setLoaded] = useState<SignInErrorsModule | null>(null);
  useEffect(() => {
    loadSignInErrors().then(setLoaded, () => undefined);
  }, []);
  const Summary = loaded?.ErrorSummary;

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
    setRefusal(null);
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
        if (isApiError(error)) void explainRefusal(error, request.kind).then(setRefusal);
      },
    });
  });

  // The page's HTML comes with /connexion (ADR 026): a member may have typed, and even
  // pressed « Se connecter », before React took the form over. What was typed is still on
  // the page (see defaultValues) and becomes the form's; the link below follows it, and a
  // submission held by sign-in-boot.js is sent. Once, when React takes the form over.
  useLayoutEffect(() => {
    const element = formElement.current as HTMLFormElement;
    for (const name of ["identifier", "password"] as const) {
      const { value } = element.elements.namedItem(name) as HTMLInputElement;
      if (!value) continue;
      form.setValue(name, value);
      if (name === "identifier") setTyped(value);
    }
    if (element.hasAttribute("data-pending")) {
      element.removeAttribute("data-pending");
      void onSubmit();
    }
  }, []);

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
      {refusal?.ShowAlert ? (
        <refusal.ShowAlert
          problem={refusal.problem}
          fieldId="identifier"
          onAction={switchIdentifier}
        />
      ) : refusal ? (
        <Alert>
          <p>{refusal.problem.message}</p>
        </Alert>
      ) : null}
      {Summary ? <Summary items={summary} /> : null}

      <form className="form" noValidate onSubmit={onSubmit} ref={formElement}>
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
        <button type="submit" className="button" disabled={!hydrated}>
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
