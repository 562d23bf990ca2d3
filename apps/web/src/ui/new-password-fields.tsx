import { PASSWORD_POLICY_TEXT } from "@mgen/contracts";
import { PasswordField } from "@mgen/ui/password-field";
import type { UseFormRegisterReturn } from "react-hook-form";
import type { PasswordPolicy } from "../lib/password-policy";
import { PasswordStrength } from "./password-strength";

type Props = {
  /** `form.register("password")` and `form.register("confirmation")`. */
  passwordField: UseFormRegisterReturn;
  confirmationField: UseFormRegisterReturn;
  /** The password as typed, for the strength meter. */
  password: string;
  policy: PasswordPolicy | null;
  errors: { password?: string | undefined; confirmation?: string | undefined };
  /** What the meter may check the password against, when the page knows it. */
  firstName?: string | undefined;
  email?: string | undefined;
};

/**
 * A new password, twice: the policy spelled out before anything is typed, a live
 * strength meter, a show toggle on each field, pasting allowed. Used by the wizard and
 * by both reset pages.
 */
export function NewPasswordFields(props: Props) {
  const { passwordField, confirmationField, password, policy, errors, firstName, email } = props;
  return (
    <>
      <PasswordField
        id="new-password"
        label="Nouveau mot de passe"
        toggleLabel="le nouveau mot de passe"
        hint={
          <ul id="password-policy">
            {PASSWORD_POLICY_TEXT.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        }
        describedBy="password-strength"
        error={errors.password}
        autoComplete="new-password"
        {...passwordField}
      />
      <PasswordStrength
        id="password-strength"
        password={password}
        policy={policy}
        firstName={firstName}
        email={email}
      />
      <PasswordField
        id="confirmation"
        label="Confirmez le mot de passe"
        toggleLabel="la confirmation du mot de passe"
        error={errors.confirmation}
        autoComplete="new-password"
        {...confirmationField}
      />
    </>
  );
}
