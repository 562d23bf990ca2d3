import { PreparingPage } from "../../ui/preparing-page";

// Journey F (MGEN Connect password reset): next issue.

export function ConnectForgotPasswordPage() {
  return <PreparingPage title="Mot de passe MGEN Connect oublié" />;
}

export function ConnectResetPasswordPage() {
  return <PreparingPage title="Nouveau mot de passe MGEN Connect" />;
}
