import { BIRTH_DATE_MESSAGES, ERROR_MESSAGES, NIR_MESSAGES } from "@mgen/contracts";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api";
import { describeIdentityRequestError, identityFormSchema, VARIANTS } from "./identity-request";

const MARIE = { nir: "2 90 08 69 123 045 11", birthDate: { day: "15", month: "8", year: "1990" } };

function messages(values: unknown) {
  const result = identityFormSchema.safeParse(values);
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("identityFormSchema", () => {
  it("sends what the API reads: the NIR without separators, the date as YYYY-MM-DD", () => {
    expect(identityFormSchema.parse(MARIE)).toEqual({
      nir: "290086912304511",
      birthDate: "1990-08-15",
    });
  });

  it("checks the NIR as the sign-in page does, and the date as one group", () => {
    expect(
      messages({ nir: "2 90 08 69 123 045 12", birthDate: { day: "", month: "", year: "" } }),
    ).toEqual({ nir: NIR_MESSAGES.key, birthDate: BIRTH_DATE_MESSAGES.empty });
    expect(messages({ ...MARIE, birthDate: { day: "31", month: "02", year: "1990" } })).toEqual({
      birthDate: "Cette date n'existe pas : vérifiez le jour et le mois.",
    });
  });
});

describe("describeIdentityRequestError", () => {
  it("puts the server's field messages on the NIR and on the date group", () => {
    expect(
      describeIdentityRequestError(
        new ApiError(400, "VALIDATION_ERROR", "Corrigez.", {
          nir: NIR_MESSAGES.key,
          birthDate: BIRTH_DATE_MESSAGES.invalid,
        }),
      ),
    ).toEqual({
      kind: "fields",
      fields: { nir: NIR_MESSAGES.key, birthDate: BIRTH_DATE_MESSAGES.invalid },
    });
  });

  it("shows the message when no field is named", () => {
    expect(
      describeIdentityRequestError(new ApiError(400, "VALIDATION_ERROR", "Corrigez.")),
    ).toEqual({ kind: "alert", message: "Corrigez." });
    expect(describeIdentityRequestError(new Error("boom"))).toEqual({
      kind: "alert",
      message: ERROR_MESSAGES.INTERNAL,
    });
  });

  it("says how long to wait when asked too often", () => {
    expect(
      describeIdentityRequestError(
        new ApiError(429, "RATE_LIMITED", ERROR_MESSAGES.RATE_LIMITED, undefined, 120),
      ),
    ).toEqual({
      kind: "alert",
      message: ERROR_MESSAGES.RATE_LIMITED,
      hint: "Vous pourrez redemander un lien dans 2 minutes.",
    });
  });
});

describe("VARIANTS", () => {
  it("links each page to the other and to its help section", () => {
    expect(VARIANTS["forgot-password"].other.to).toBe("/debloquer-mon-compte");
    expect(VARIANTS["forgot-password"].help.to).toBe("/aide#mot-de-passe-oublie");
    expect(VARIANTS.unlock.other.to).toBe("/mot-de-passe-oublie");
    expect(VARIANTS.unlock.help.to).toBe("/aide#compte-bloque");
  });
});
