import { describe, expect, it } from "vitest";
import { PASSWORDS_DIFFER } from "../../lib/new-password";
import { ANSWER_EMPTY, resetFormSchema, toResetRequest } from "./reset-schema";

const password = "Girafe-violette-sur-un-tandem";

function messages(askAnswer: boolean, values: Record<string, string>) {
  const result = resetFormSchema(askAnswer).safeParse(values);
  return Object.fromEntries(
    (result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]),
  );
}

describe("resetFormSchema", () => {
  it("needs no answer when the identity has no secret question", () => {
    expect(
      resetFormSchema(false).safeParse({ password, confirmation: password, secretAnswer: "" })
        .success,
    ).toBe(true);
  });

  it("asks for the answer when there is a question", () => {
    expect(messages(true, { password, confirmation: password, secretAnswer: "  " })).toEqual({
      secretAnswer: ANSWER_EMPTY,
    });
  });

  it("says when the confirmation differs, even with the answer missing", () => {
    expect(messages(true, { password, confirmation: "autre", secretAnswer: "" })).toEqual({
      confirmation: PASSWORDS_DIFFER,
      secretAnswer: ANSWER_EMPTY,
    });
  });
});

describe("toResetRequest", () => {
  it("sends the answer only when a question was asked", () => {
    const values = resetFormSchema(true).parse({
      password,
      confirmation: password,
      secretAnswer: " Médor ",
    });
    expect(toResetRequest("t0k3n", values, true)).toEqual({
      token: "t0k3n",
      password,
      secretAnswer: "Médor",
    });
    expect(toResetRequest("t0k3n", values, false)).toEqual({ token: "t0k3n", password });
  });
});
