import { PreparingPage } from "../../ui/preparing-page";

// Journey D (forgotten password / locked Espace, before migration): next issue.

export function ForgotPasswordPage() {
  return <PreparingPage title="Mot de passe oublié" />;
}

export function UnlockPage() {
  return <PreparingPage title="Débloquer mon compte" />;
}

export function ResetPasswordPage() {
  return <PreparingPage title="Choisir un nouveau mot de passe" />;
}
