import { lazy } from "react";
import { Navigate, Route, Routes } from "react-router";
import { SignInPage } from "../features/sign-in/sign-in-page";
import { RequireSession } from "./guards";
import { Layout } from "./layout";
import { NotFoundPage } from "./not-found-page";

/**
 * Only the sign-in page is in the first download; every other page is its own chunk.
 * Navigations render in a transition, so the page being left stays on screen until the
 * next one has loaded (no blank fallback in between).
 */
const MigrationPage = lazy(() =>
  import("../features/migration-wizard/migration-page").then((m) => ({
    default: m.MigrationPage,
  })),
);
const MemberPage = lazy(() =>
  import("../features/member-area/member-page").then((m) => ({ default: m.MemberPage })),
);
const ValidationEmailPage = lazy(() =>
  import("../features/migration-wizard/validation-email-page").then((m) => ({
    default: m.ValidationEmailPage,
  })),
);
const ForgotPasswordPage = lazy(() =>
  import("../features/legacy-reset/identity-request-page").then((m) => ({
    default: m.ForgotPasswordPage,
  })),
);
const UnlockPage = lazy(() =>
  import("../features/legacy-reset/identity-request-page").then((m) => ({
    default: m.UnlockPage,
  })),
);
const ResetPasswordPage = lazy(() =>
  import("../features/legacy-reset/reset-password-page").then((m) => ({
    default: m.ResetPasswordPage,
  })),
);
const ConnectForgotPasswordPage = lazy(() =>
  import("../features/connect-reset/forgot-password-page").then((m) => ({
    default: m.ConnectForgotPasswordPage,
  })),
);
const ConnectResetPasswordPage = lazy(() =>
  import("../features/connect-reset/reset-password-page").then((m) => ({
    default: m.ConnectResetPasswordPage,
  })),
);
const HelpPage = lazy(() =>
  import("../features/help/help-page").then((m) => ({ default: m.HelpPage })),
);
const CreateEmailPage = lazy(() =>
  import("../features/help/create-email-page").then((m) => ({ default: m.CreateEmailPage })),
);
const MailboxPage = lazy(() =>
  import("../features/dev-mailbox/mailbox-page").then((m) => ({ default: m.MailboxPage })),
);

/** Every page of the SPA, under the layout (which also holds the error boundary). */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Navigate to="/connexion" replace />} />
        <Route path="connexion" element={<SignInPage />} />
        <Route element={<RequireSession state="migration" />}>
          <Route path="migration" element={<MigrationPage />} />
        </Route>
        <Route element={<RequireSession state="member" />}>
          <Route path="espace" element={<MemberPage />} />
        </Route>
        <Route path="validation-email" element={<ValidationEmailPage />} />
        <Route path="mot-de-passe-oublie" element={<ForgotPasswordPage />} />
        <Route path="debloquer-mon-compte" element={<UnlockPage />} />
        <Route path="reinitialisation" element={<ResetPasswordPage />} />
        <Route path="connect/mot-de-passe-oublie" element={<ConnectForgotPasswordPage />} />
        <Route path="connect/reinitialisation" element={<ConnectResetPasswordPage />} />
        <Route path="aide" element={<HelpPage />} />
        <Route path="aide/creer-une-adresse-email" element={<CreateEmailPage />} />
        <Route path="dev/mailbox" element={<MailboxPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
