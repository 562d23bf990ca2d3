import { EMAIL_MESSAGES, NIR_MESSAGES } from "@mgen/contracts";
import type { ResolverOptions } from "react-hook-form";
import { describe, expect, it } from "vitest";
import {
  IDENTIFIER_EMPTY,
  nirCheckDue,
  type SignInValues,
  signInProblems,
  signInResolver,
  toLoginRequest,
} from "./sign-in-schema";

function firstMessage(
  values: { identifier: string; password: string },
  path: "identifier" | "password",
) {
  return signInProblems(values)[path];
}

describe("sign-in form schema", () => {
  it("accepts Marie Dupont's NIR typed with spaces", () => {
    expect(signInProblems({ identifier: "2 90 08 69 123 045 11", password: "x" })).toEqual({});
  });

  it("accepts a Corsican NIR typed in lower case", () => {
    expect(signInProblems({ identifier: "1 85 02 2a 004 025 09", password: "x" })).toEqual({});
  });

  it("refuses a NIR whose key does not match, with the contracts' message", () => {
    expect(firstMessage({ identifier: "2 90 08 69 123 045 12", password: "x" }, "identifier")).toBe(
      NIR_MESSAGES.key,
    );
  });

  it("refuses a NIR that is too short", () => {
    expect(firstMessage({ identifier: "2 90 08", password: "x" }, "identifier")).toBe(
      NIR_MESSAGES.length,
    );
  });

  it("reads anything with an @ as an email and checks it as one", () => {
    expect(signInProblems({ identifier: " Marie.Dupont@Example.fr ", password: "x" })).toEqual({});
    expect(firstMessage({ identifier: "marie@", password: "x" }, "identifier")).toBe(
      EMAIL_MESSAGES.invalid,
    );
  });

  it("asks for both fields when empty", () => {
    expect(firstMessage({ identifier: "  ", password: "x" }, "identifier")).toBe(IDENTIFIER_EMPTY);
    expect(firstMessage({ identifier: "a@b.fr", password: "" }, "password")).toBe(
      "Saisissez votre mot de passe.",
    );
  });
});

describe("signInResolver", () => {
  const options = { fields: {}, shouldUseNativeValidation: false } as ResolverOptions<SignInValues>;

  it("gives the form each field's message", async () => {
    const result = await signInResolver(
      { identifier: "2 90 08", password: "" },
      undefined,
      options,
    );
    expect(result.values).toEqual({});
    expect(result.errors.identifier?.message).toBe(NIR_MESSAGES.length);
    expect(result.errors.password?.message).toBe("Saisissez votre mot de passe.");
  });

  it("hands over the values as typed when they may be sent", async () => {
    const values = { identifier: " Marie.Dupont@Example.fr ", password: "  x " };
    expect(await signInResolver(values, undefined, options)).toEqual({ values, errors: {} });
  });
});

describe("toLoginRequest", () => {
  it("sends a NIR to /api/login/nir without separators", () => {
    expect(
      toLoginRequest({ identifier: "1 85 02 2a 004 025 09", password: "Demo-Espace-2026" }),
    ).toEqual({
      kind: "nir",
      path: "/api/login/nir",
      body: { nir: "185022A00402509", password: "Demo-Espace-2026" },
    });
  });

  it("sends an email to /api/login/email, trimmed and lower-cased", () => {
    expect(
      toLoginRequest({ identifier: " Luc.Robert@Example.FR", password: "Demo-Connect-2026" }),
    ).toEqual({
      kind: "email",
      path: "/api/login/email",
      body: { email: "luc.robert@example.fr", password: "Demo-Connect-2026" },
    });
  });

  it("never changes the password", () => {
    expect(toLoginRequest({ identifier: "a@b.fr", password: "  spaced  " }).body.password).toBe(
      "  spaced  ",
    );
  });
});

describe("nirCheckDue", () => {
  it("waits for the 15th character of a NIR, separators aside", () => {
    expect(nirCheckDue("2 90 08 69 123 045 1")).toBe(false);
    expect(nirCheckDue("2 90 08 69 123 045 11")).toBe(true);
    expect(nirCheckDue("2900869123045112")).toBe(true);
  });

  it("never applies to an email", () => {
    expect(nirCheckDue("marie.dupont.longue@example.fr")).toBe(false);
  });
});
