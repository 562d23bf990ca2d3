import { describe, expect, it } from "vitest";
import { pageTitle } from "./page-title";

describe("pageTitle", () => {
  it("puts the page first and the service last", () => {
    expect(pageTitle("Étape 2 sur 3 – Sécurité")).toBe(
      "Étape 2 sur 3 – Sécurité – Identifiant MGEN Connect",
    );
  });

  it("is the service name alone without a page", () => {
    expect(pageTitle()).toBe("Identifiant MGEN Connect");
  });
});
