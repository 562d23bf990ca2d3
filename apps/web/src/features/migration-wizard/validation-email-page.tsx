import { PreparingPage } from "../../ui/preparing-page";

/** `/validation-email?token=…`: completing the migration from the emailed link (next issue). */
export function ValidationEmailPage() {
  return <PreparingPage title="Validation de votre adresse email" />;
}
