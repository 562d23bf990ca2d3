import { PAGES } from "@mgen/contracts/rules";
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
const CancelMigrationPage = lazy(() =>
  import("../features/cancel-migration/cancel-migration-page").then((m) => ({
    default: m.CancelMigrationPage,
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
        <Route index element={<Navigate to={PAGES.signIn} replace />} />
        <Route path={PAGES.signIn} element={<SignInPage />} />
        <Route element={<RequireSession state="migration" />}>
          <Route path={PAGES.migration} element={<MigrationPage />} />
        </Route>
        <Route element={<RequireSession state="member" />}>
          <Route path={PAGES.memberArea} element={<MemberPage />} />
        </Route>
        <Route path={PAGES.validateEmail} element={<ValidationEmailPage />} />
        <Route path={PAGES.cancelMigration} element={<CancelMigrationPage />} />
        <Route path={PAGES.legacyForgotPassword} element={<ForgotPasswordPage />} />
        <Route path={PAGES.legacyUnlock} element={<UnlockPage />} />
        <Route path={PAGES.legacyReset} element={<ResetPasswordPage />} />
        <Route path={PAGES.connectForgotPassword} element={<ConnectForgotPasswordPage />} />
        <Route path={PAGES.connectReset} element={<ConnectResetPasswordPage />} />
        <Route path={PAGES.help} element={<HelpPage />} />
        <Route path={PAGES.helpCreateEmail} element={<CreateEmailPage />} />
        {/* A development tool, not a member page: not in PAGES. */}
        <Route path="/dev/mailbox" element={<MailboxPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
