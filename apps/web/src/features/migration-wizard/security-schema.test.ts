import { describe, expect, it } from "vitest";
import { PASSWORDS_DIFFER } from "../../lib/new-password";
import { securityFormSchema, toCreateRequest } from "./security-schema";

const valid = {
  password: "Girafe-violette-sur-un-tandem",
  confirmation: "Girafe-violette-sur-un-tandem",
  secretQuestionId: "pet",
  secretAnswer: "  Médor ",
};

function messages(values: Record<string, string>) {
  const result = securityFormSchema.safeParse(values);
  return Object.fromEntries(
    (result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]),
  );
}

describe("securityFormSchema", () => {
  it("accepts a complete step and normalises the answer", () => {
    const result = securityFormSchema.parse(valid);
    expect(result.secretAnswer).toBe("medor");
  });

  it("says when the confirmation differs, even with another field wrong", () => {
    expect(
      messages({ ...valid, confirmation: "Girafe-violette", secretQuestionId: "" }),
    ).toMatchObject({
      confirmation: PASSWORDS_DIFFER,
      secretQuestionId: "Choisissez une question dans la liste.",
    });
  });

  it("asks for the confirmation when it is empty", () => {
    expect(messages({ ...valid, confirmation: "" }).confirmation).toBe(
      "Saisissez à nouveau votre mot de passe.",
    );
  });

  it("refuses an answer shorter than 3 characters once normalised", () => {
    expect(messages({ ...valid, secretAnswer: " é " }).secretAnswer).toMatch(
      /au moins 3 caractères/,
    );
  });
});

describe("toCreateRequest", () => {
  it("builds the body of POST /api/migration/create without the confirmation", () => {
    expect(toCreateRequest("marie.dupont@example.fr", securityFormSchema.parse(valid))).toEqual({
      email: "marie.dupont@example.fr",
      password: "Girafe-violette-sur-un-tandem",
      secretQuestionId: "pet",
      secretAnswer: "medor",
    });
  });
});
