import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { applyServerFieldErrors, summaryItems } from "./form-errors";

describe("summaryItems", () => {
  it("lists the fields in error in screen order, with their ids", () => {
    const items = summaryItems(
      {
        password: { message: "Saisissez votre mot de passe." },
        identifier: { message: "Trop court." },
      },
      [
        { name: "identifier", id: "signin-identifier" },
        { name: "password", id: "signin-password" },
      ],
    );
    expect(items).toEqual([
      { fieldId: "signin-identifier", message: "Trop court." },
      { fieldId: "signin-password", message: "Saisissez votre mot de passe." },
    ]);
  });

  it("skips fields without a message", () => {
    expect(summaryItems({ identifier: {} }, [{ name: "identifier", id: "i" }])).toEqual([]);
  });
});

describe("applyServerFieldErrors", () => {
  it("maps the API's field names onto the form's", () => {
    const placed: Array<[string, string]> = [];
    const error = new ApiError(400, "VALIDATION_ERROR", "Corrigez.", {
      nir: "La clé ne correspond pas.",
      unknown: "ignored",
    });

    const count = applyServerFieldErrors(
      error,
      { nir: "identifier", email: "identifier" },
      (f, e) => placed.push([f, e.message]),
    );

    expect(count).toBe(1);
    expect(placed).toEqual([["identifier", "La clé ne correspond pas."]]);
  });

  it("places nothing when the error has no fields", () => {
    const error = new ApiError(429, "RATE_LIMITED", "Patientez.");
    expect(applyServerFieldErrors(error, { nir: "identifier" }, () => {})).toBe(0);
  });
});
