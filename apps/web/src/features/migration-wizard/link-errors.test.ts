import { ERROR_MESSAGES } from "@mgen/contracts";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api";
import { describeLinkError } from "./link-errors";

describe("describeLinkError", () => {
  it("says the password is wrong and warns about the lock", () => {
    const problem = describeLinkError(new ApiError(401, "INVALID_CREDENTIALS", "x"));
    expect(problem.message).toBe("Mot de passe incorrect.");
    expect(problem.next).toMatch(/5 erreurs/);
  });

  it("tells an unvalidated or locked identity to restart by NIR after the reset", () => {
    for (const code of ["IDENTITY_NOT_VALIDATED", "IDENTITY_LOCKED"] as const) {
      const problem = describeLinkError(new ApiError(403, code, "x"));
      expect(problem.message).toBe(ERROR_MESSAGES[code]);
      expect(problem.next).toMatch(/reconnectez-vous avec votre numéro de sécurité sociale/);
    }
    expect(describeLinkError(new ApiError(423, "IDENTITY_LOCKED", "x")).help?.to).toBe(
      "/aide#identite-connect-bloquee",
    );
  });

  it("keeps the server's message otherwise", () => {
    expect(describeLinkError(new ApiError(429, "RATE_LIMITED", "Patientez.")).message).toBe(
      "Patientez.",
    );
  });
});
