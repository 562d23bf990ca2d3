import { ERROR_MESSAGES } from "@mgen/contracts";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api";
import { MISSING_TOKEN } from "../../lib/link-token";
import { PASSWORDS_DIFFER } from "../../lib/new-password";
import {
  describeLegacyResetError,
  INVALID_LINK_LINKS,
  legacyResetFormSchema,
} from "./reset-password";

describe("legacyResetFormSchema", () => {
  it("wants the same password twice", () => {
    const password = "Girafe-violette-sur-un-tandem";
    expect(legacyResetFormSchema.safeParse({ password, confirmation: password }).success).toBe(
      true,
    );
    const result = legacyResetFormSchema.safeParse({ password, confirmation: "autre" });
    expect(result.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["confirmation", PASSWORDS_DIFFER],
    ]);
  });
});

describe("describeLegacyResetError", () => {
  it("sends a spent, voided or expired link to the 'ask for a new one' screen", () => {
    expect(
      describeLegacyResetError(new ApiError(400, "TOKEN_INVALID", ERROR_MESSAGES.TOKEN_INVALID)),
    ).toEqual({ kind: "invalid-link", message: ERROR_MESSAGES.TOKEN_INVALID });
    expect(
      describeLegacyResetError(
        new ApiError(400, "VALIDATION_ERROR", "x", { token: "Le lien est incomplet." }),
      ),
    ).toEqual({ kind: "invalid-link", message: MISSING_TOKEN });
  });

  it("puts a weak password's reason on the password field", () => {
    expect(
      describeLegacyResetError(
        new ApiError(400, "WEAK_PASSWORD", "Pas assez sûr.", {
          password: "Il ne doit pas contenir votre nom.",
        }),
      ),
    ).toEqual({ kind: "password", message: "Il ne doit pas contenir votre nom." });
    expect(describeLegacyResetError(new ApiError(400, "WEAK_PASSWORD", "Pas assez sûr."))).toEqual({
      kind: "password",
      message: "Pas assez sûr.",
    });
  });

  it("shows any other refusal above the form, which stays", () => {
    expect(describeLegacyResetError(new ApiError(429, "RATE_LIMITED", "Patientez."))).toEqual({
      kind: "alert",
      message: "Patientez.",
    });
    expect(describeLegacyResetError(new Error("boom"))).toEqual({
      kind: "alert",
      message: ERROR_MESSAGES.INTERNAL,
    });
  });

  it("offers a new link and the help section for an invalid link", () => {
    expect(INVALID_LINK_LINKS.map((l) => l.to)).toEqual([
      "/mot-de-passe-oublie",
      "/aide#mot-de-passe-oublie",
    ]);
  });
});
