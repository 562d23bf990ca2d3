import { EMAIL_MESSAGES, NIR_MESSAGES } from "@mgen/contracts";
import { describe, expect, it } from "vitest";
import { IDENTIFIER_EMPTY, nirCheckDue, signInFormSchema, toLoginRequest } from "./sign-in-schema";

function firstMessage(values: { identifier: string; password: string }, path: string) {
  const result = signInFormSchema.safeParse(values);
  return result.error?.issues.find((issue) => issue.path[0] === path)?.message;
}

describe("sign-in form schema", () => {
  it("accepts Marie Dupont's NIR typed with spaces", () => {
    expect(
      signInFormSchema.safeParse({ identifier: "2 90 08 69 123 045 11", password: "x" }).success,
    ).toBe(true);
  });

  it("accepts a Corsican NIR typed in lower case", () => {
    expect(
      signInFormSchema.safeParse({ identifier: "1 85 02 2a 004 025 09", password: "x" }).success,
    ).toBe(true);
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
    expect(
      signInFormSchema.safeParse({ identifier: " Marie.Dupont@Example.fr ", password: "x" })
        .success,
    ).toBe(true);
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
