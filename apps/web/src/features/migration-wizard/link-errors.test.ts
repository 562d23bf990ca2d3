import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api";
import { describeLinkError } from "./link-errors";

describe("describeLinkError", () => {
  it("keeps the form after a wrong password, and warns about the lock", () => {
    const problem = describeLinkError(new ApiError(401, "INVALID_CREDENTIALS", "x"));
    expect(problem).toMatchObject({
      kind: "retry",
      message:
        "Mot de passe incorrect. Au bout de 5 erreurs, votre identifiant MGEN Connect sera bloqué.",
    });
    expect(problem.help?.to).toBe("/aide#mot-de-passe-connect-oublie");
  });

  it("replaces the form for an unvalidated identity: reset by email, then NIR again", () => {
    const problem = describeLinkError(new ApiError(403, "IDENTITY_NOT_VALIDATED", "x"));
    expect(problem.kind).toBe("blocked");
    expect(problem.message).toMatch(/^Votre identifiant MGEN Connect n'a pas été validé\./);
    expect(problem.message).toMatch(/le suivre validera aussi votre adresse/);
    expect(problem.message).toMatch(/reconnectez-vous avec votre numéro de sécurité sociale/);
    expect(problem.help?.to).toBe("/aide#identite-non-validee");
  });

  it("replaces the form for a locked identity, with its own help section", () => {
    const problem = describeLinkError(new ApiError(423, "IDENTITY_LOCKED", "x"));
    expect(problem.kind).toBe("blocked");
    expect(problem.message).toMatch(/^Votre identifiant MGEN Connect est bloqué\./);
    expect(problem.message).toMatch(/reconnectez-vous avec votre numéro de sécurité sociale/);
    expect(problem.help?.to).toBe("/aide#identite-connect-bloquee");
  });

  it("keeps the server's message otherwise, and the form", () => {
    expect(describeLinkError(new ApiError(429, "RATE_LIMITED", "Patientez."))).toEqual({
      kind: "retry",
      message: "Patientez.",
    });
  });
});
