import { createBrowserRouter, Navigate, type RouteObject } from "react-router";
import { SignInPage } from "../features/sign-in/sign-in-page";
import { Loading } from "../ui/messages";
import { RequireSession } from "./guards";
import { Layout } from "./layout";
import { NotFoundPage } from "./not-found-page";
import { RouteError } from "./route-error";

/**
 * Only the sign-in page is in the first download; every other page is its own chunk,
 * fetched by the router before it shows the page (no blank fallback in between).
 */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    hydrateFallbackElement: <Loading />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Navigate to="/connexion" replace /> },
          { path: "connexion", element: <SignInPage /> },
          {
            element: <RequireSession state="migration" />,
            children: [
              {
                path: "migration",
                lazy: () =>
                  import("../features/migration-wizard/migration-page").then((m) => ({
                    Component: m.MigrationPage,
                  })),
              },
            ],
          },
          {
            element: <RequireSession state="member" />,
            children: [
              {
                path: "espace",
                lazy: () =>
                  import("../features/member-area/member-page").then((m) => ({
                    Component: m.MemberPage,
                  })),
              },
            ],
          },
          {
            path: "validation-email",
            lazy: () =>
              import("../features/migration-wizard/validation-email-page").then((m) => ({
                Component: m.ValidationEmailPage,
              })),
          },
          {
            path: "mot-de-passe-oublie",
            lazy: () =>
              import("../features/legacy-reset/identity-request-page").then((m) => ({
                Component: m.ForgotPasswordPage,
              })),
          },
          {
            path: "debloquer-mon-compte",
            lazy: () =>
              import("../features/legacy-reset/identity-request-page").then((m) => ({
                Component: m.UnlockPage,
              })),
          },
          {
            path: "reinitialisation",
            lazy: () =>
              import("../features/legacy-reset/reset-password-page").then((m) => ({
                Component: m.ResetPasswordPage,
              })),
          },
          {
            path: "connect/mot-de-passe-oublie",
            lazy: () =>
              import("../features/connect-reset/forgot-password-page").then((m) => ({
                Component: m.ConnectForgotPasswordPage,
              })),
          },
          {
            path: "connect/reinitialisation",
            lazy: () =>
              import("../features/connect-reset/reset-password-page").then((m) => ({
                Component: m.ConnectResetPasswordPage,
              })),
          },
          {
            path: "aide",
            lazy: () =>
              import("../features/help/help-page").then((m) => ({ Component: m.HelpPage })),
          },
          {
            path: "aide/creer-une-adresse-email",
            lazy: () =>
              import("../features/help/create-email-page").then((m) => ({
                Component: m.CreateEmailPage,
              })),
          },
          {
            path: "dev/mailbox",
            lazy: () =>
              import("../features/dev-mailbox/mailbox-page").then((m) => ({
                Component: m.MailboxPage,
              })),
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
