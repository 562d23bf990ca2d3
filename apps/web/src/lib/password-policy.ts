import { useEffect, useState } from "react";

/** The policy checker of `@mgen/contracts/password` (zxcvbn-ts and its dictionaries). */
export type PasswordPolicy = typeof import("@mgen/contracts/password").checkPasswordPolicy;

let loading: Promise<PasswordPolicy> | undefined;

/**
 * Loads the policy once, on demand: its dictionaries weigh about 1 MB, so they stay out
 * of the first screen and come only with the screens that ask for a new password.
 */
export function loadPasswordPolicy(): Promise<PasswordPolicy> {
  loading ??= import("@mgen/contracts/password").then((m) => m.checkPasswordPolicy);
  loading.catch(() => {
    loading = undefined; // a failed download may be retried on the next screen
  });
  return loading;
}

/** The checker once loaded, else null (the server checks the policy again anyway). */
export function usePasswordPolicy(): PasswordPolicy | null {
  const [policy, setPolicy] = useState<PasswordPolicy | null>(null);
  useEffect(() => {
    let active = true;
    loadPasswordPolicy().then(
      (check) => {
        if (active) setPolicy(() => check);
      },
      () => {},
    );
    return () => {
      active = false;
    };
  }, []);
  return policy;
}
