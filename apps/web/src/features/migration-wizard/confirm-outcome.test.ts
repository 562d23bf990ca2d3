import { ERROR_MESSAGES } from "@mgen/contracts";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api";
import { MISSING_TOKEN } from "../../lib/link-token";
import { confirmTitle, confirmView } from "./confirm-outcome";

describe("confirmView", () => {
  it("waits for the member's click before sending the link (a mail scanner spends nothing)", () => {
    expect(confirmView("t", false, undefined, null)).toEqual({ kind: "ready" });
    expect(confirmTitle({ kind: "ready" })).toBe("Validation de votre adresse email");
  });

  it("waits while the link is being checked", () => {
    expect(confirmView("t", true, undefined, null)).toEqual({ kind: "checking" });
    expect(confirmTitle({ kind: "checking" })).toBe("Validation de votre adresse email");
  });

  it("signs in the wizard's own browser", () => {
    expect(
      confirmView("t", true, { state: "member", firstName: "Marie", email: "m@x.fr" }, null),
    ).toEqual({ kind: "signed-in", email: "m@x.fr" });
  });

  it("only says the address is validated elsewhere", () => {
    const view = confirmView("t", true, { state: "anonymous", validatedEmail: "m@x.fr" }, null);
    expect(view).toEqual({ kind: "validated", email: "m@x.fr" });
    expect(confirmTitle(view)).toBe("Votre adresse email est validée");
  });

  it("calls a spent, voided or expired link no longer valid, with the server's words", () => {
    const view = confirmView(
      "t",
      true,
      undefined,
      new ApiError(400, "TOKEN_INVALID", ERROR_MESSAGES.TOKEN_INVALID),
    );
    expect(view).toEqual({ kind: "invalid", message: ERROR_MESSAGES.TOKEN_INVALID });
    expect(confirmTitle(view)).toBe("Ce lien n'est plus valable");
  });

  it("treats a missing or malformed token as a link cut short, without a button to press", () => {
    expect(confirmView("", false, undefined, null)).toEqual({
      kind: "invalid",
      message: MISSING_TOKEN,
    });
    expect(
      confirmView(
        "t",
        true,
        undefined,
        new ApiError(400, "VALIDATION_ERROR", "Le lien est incomplet."),
      ),
    ).toEqual({ kind: "invalid", message: MISSING_TOKEN });
  });

  it("explains that another Espace took the address first", () => {
    const view = confirmView(
      "t",
      true,
      undefined,
      new ApiError(409, "EMAIL_TAKEN", "Déjà utilisée."),
    );
    expect(view).toEqual({ kind: "taken" });
    expect(confirmTitle(view)).toBe("Cette adresse est déjà utilisée");
  });

  it("keeps the server's message for anything else", () => {
    expect(
      confirmView("t", true, undefined, new ApiError(0, "INTERNAL", "Connexion impossible.")),
    ).toEqual({ kind: "failed", message: "Connexion impossible." });
    expect(
      confirmView("t", true, undefined, new ApiError(429, "RATE_LIMITED", "Patientez.")),
    ).toEqual({ kind: "failed", message: "Patientez." });
  });
});
