import { ERROR_MESSAGES } from "@mgen/contracts";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api";
import { MISSING_TOKEN } from "../../lib/link-token";
import { describeResetError } from "./reset-errors";

describe("describeResetError", () => {
  it("sends a spent, voided or expired link to the 'ask for a new one' state", () => {
    expect(
      describeResetError(new ApiError(400, "TOKEN_INVALID", ERROR_MESSAGES.TOKEN_INVALID)),
    ).toEqual({ kind: "invalid-link", message: ERROR_MESSAGES.TOKEN_INVALID });
    expect(
      describeResetError(
        new ApiError(400, "VALIDATION_ERROR", "x", { token: "Le lien est incomplet." }),
      ),
    ).toEqual({ kind: "invalid-link", message: MISSING_TOKEN });
  });

  it("puts a weak password's reason on the password field", () => {
    expect(
      describeResetError(
        new ApiError(400, "WEAK_PASSWORD", "Pas assez sûr.", {
          password: "Il doit compter au moins 12 caractères.",
        }),
      ),
    ).toEqual({ kind: "fields", fields: { password: "Il doit compter au moins 12 caractères." } });
    expect(describeResetError(new ApiError(400, "WEAK_PASSWORD", "Pas assez sûr."))).toEqual({
      kind: "fields",
      fields: { password: "Pas assez sûr." },
    });
  });

  it("puts a wrong answer on the answer field", () => {
    expect(
      describeResetError(
        new ApiError(400, "WRONG_SECRET_ANSWER", ERROR_MESSAGES.WRONG_SECRET_ANSWER, {
          secretAnswer: "La réponse ne correspond pas.",
        }),
      ),
    ).toEqual({ kind: "fields", fields: { secretAnswer: "La réponse ne correspond pas." } });
    expect(
      describeResetError(new ApiError(400, "WRONG_SECRET_ANSWER", "Ne correspond pas.")),
    ).toEqual({ kind: "fields", fields: { secretAnswer: "Ne correspond pas." } });
  });

  it("also shows the general message when it says more (the identity got locked)", () => {
    const locked = "Après plusieurs erreurs, votre identifiant est bloqué : un nouveau lien…";
    expect(
      describeResetError(
        new ApiError(400, "WRONG_SECRET_ANSWER", locked, { secretAnswer: "Ne correspond pas." }),
      ),
    ).toEqual({
      kind: "fields",
      fields: { secretAnswer: "Ne correspond pas." },
      alert: locked,
    });
  });

  it("maps a VALIDATION_ERROR's fields, else shows its message", () => {
    expect(
      describeResetError(
        new ApiError(400, "VALIDATION_ERROR", "x", { secretAnswer: "Saisissez la réponse." }),
      ),
    ).toEqual({ kind: "fields", fields: { secretAnswer: "Saisissez la réponse." } });
    expect(describeResetError(new ApiError(400, "VALIDATION_ERROR", "Corrigez."))).toEqual({
      kind: "alert",
      message: "Corrigez.",
    });
  });

  it("ends the reset when too many wrong answers were given, with the server's words", () => {
    const message =
      "Trop de réponses erronées à votre question secrète : la réinitialisation est bloquée.";
    expect(describeResetError(new ApiError(423, "ACCOUNT_LOCKED", message))).toEqual({
      kind: "locked",
      message,
    });
  });

  it("links a locked identity to its help section, and keeps other messages", () => {
    expect(describeResetError(new ApiError(423, "IDENTITY_LOCKED", "Bloqué."))).toMatchObject({
      kind: "alert",
      help: { to: "/aide#identite-connect-bloquee" },
    });
    expect(describeResetError(new ApiError(429, "RATE_LIMITED", "Patientez."))).toEqual({
      kind: "alert",
      message: "Patientez.",
    });
    expect(describeResetError(new Error("boom"))).toEqual({
      kind: "alert",
      message: ERROR_MESSAGES.INTERNAL,
    });
  });
});
