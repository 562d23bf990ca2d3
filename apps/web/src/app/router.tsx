import { PAGES } from "@mgen/contracts/rules";
import { Navigate, Route, Routes } from "react-router";
import { SignInPage } from "../features/sign-in/sign-in-page";
import { lazyPage } from "../lib/lazy-page";
import { Layout } from "./layout";
import { NotFoundPage } from "./not-found-page";

/**
 * Only the sign-in page is in the first download; every other page is its own chunk,
 * loaded before the first render when a visit starts on it (`preloadPage`, main.tsx).
 * Navigations render in a transition, so the page being left stays on screen until the
 * next one has loaded (no blank fallback in between).
 */
// The two guarded pages come with their guard (RequireSession) in their chunk.
const MigrationPage = lazyPage(
  PAGES.migration,
  () => import("../features/migration-wizard/migration-route"),
  (m) => m.MigrationRoute,
);
const MemberPage = lazyPage(
  PAGES.memberArea,
  () => import("../features/member-area/member-route"),
  (m) => m.MemberRoute,
);
const ValidationEmailPage = lazyPage(
  PAGES.validateEmail,
  () => import("../features/migration-wizard/validation-email-page"),
  (m) => m.ValidationEmailPage,
);
const CancelMigrationPage = lazyPage(
  PAGES.cancelMigration,
  () => import("../features/cancel-migration/cancel-migration-page"),
  (m) => m.CancelMigrationPage,
);
const ForgotPasswordPage = lazyPage(
  PAGES.legacyForgotPassword,
  () => import("../features/legacy-reset/identity-request-page"),
  (m) => m.ForgotPasswordPage,
);
const UnlockPage = lazyPage(
  PAGES.legacyUnlock,
  () => import("../features/legacy-reset/identity-request-page"),
  (m) => m.UnlockPage,
);
const ResetPasswordPage = lazyPage(
  PAGES.legacyReset,
  () => import("../features/legacy-reset/reset-password-page"),
  (m) => m.ResetPasswordPage,
);
const ConnectForgotPasswordPage = lazyPage(
  PAGES.connectForgotPassword,
  () => import("../features/connect-reset/forgot-password-page"),
  (m) => m.ConnectForgotPasswordPage,
);
const ConnectResetPasswordPage = lazyPage(
  PAGES.connectReset,
  () => import("../features/connect-reset/reset-password-page"),
  (m) => m.ConnectResetPasswordPage,
);
const HelpPage = lazyPage(
  PAGES.help,
  () => import("../features/help/help-page"),
  (m) => m.HelpPage,
);
const CreateEmailPage = lazyPage(
  PAGES.helpCreateEmail,
  () => import("../features/help/create-email-page"),
  (m) => m.CreateEmailPage,
);
const MailboxPage = lazyPage(
  "/dev/mailbox",
  () => import("../features/dev-mailbox/mailbox-page"),
  (m) => m.MailboxPage,
);

/** Every page of the SPA, under the layout (which also holds the error boundary). */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Navigate to={PAGES.signIn} replace />} />
        <Route path={PAGES.signIn} element={<SignInPage />} />
        <Route path={PAGES.migration} element={<MigrationPage />} />
        <Route path={PAGES.memberArea} element={<MemberPage />} />
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
