import type { MigrationState } from "@mgen/contracts";
import { describe, expect, it } from "vitest";
import { afterEmailChosen, stepNumber, stepTitle, wizardView } from "./wizard-steps";

const state = (step: "email" | "security" | "link" | "pending", extra = {}) => ({
  step,
  proposedEmail: "marie.dupont@example.fr",
  ...extra,
});

describe("wizardView", () => {
  it("follows the server's step", () => {
    expect(wizardView(state("email"), false)).toBe("email");
    expect(wizardView(state("security"), false)).toBe("security");
    expect(wizardView(state("link"), false)).toBe("link");
    expect(wizardView(state("pending", { pendingEmail: "m@x.fr" }), false)).toBe("pending");
  });

  it("goes back to step 1 while the member changes the address", () => {
    expect(wizardView(state("security"), true)).toBe("email");
    expect(wizardView(state("pending", { pendingEmail: "m@x.fr" }), true)).toBe("email");
  });

  it("asks for an address when a later step has none", () => {
    expect(wizardView(state("security", { proposedEmail: null }), false)).toBe("email");
    expect(wizardView(state("pending"), false)).toBe("email");
  });
});

describe("step numbering", () => {
  it("puts create and link both at step 2", () => {
    expect(stepNumber("security")).toBe(2);
    expect(stepNumber("link")).toBe(2);
    expect(stepNumber("pending")).toBe(3);
  });

  it("titles each step as the document title expects", () => {
    expect(stepTitle("email")).toBe("Étape 1 sur 3 – Identifiant");
    expect(stepTitle("security")).toBe("Étape 2 sur 3 – Sécurité");
    expect(stepTitle("pending")).toBe("Étape 3 sur 3 – Confirmation");
  });
});

describe("afterEmailChosen", () => {
  const pending: MigrationState = {
    state: "migration",
    firstName: "Antoine",
    step: "pending",
    proposedEmail: "antoine.perso@example.org",
    pendingEmail: "antoine.perso@example.org",
  };

  it("builds step 2 on the address the server has just accepted", () => {
    const created = afterEmailChosen(pending, "antoine@example.fr", "create");
    expect(created).toEqual({
      state: "migration",
      firstName: "Antoine",
      step: "security",
      proposedEmail: "antoine@example.fr",
    });
    expect(wizardView(created, false)).toBe("security");
    expect(afterEmailChosen(pending, "antoine@example.fr", "link")).toMatchObject({
      step: "link",
      proposedEmail: "antoine@example.fr",
    });
  });

  it("forgets the pending validation the new address abandons", () => {
    expect(afterEmailChosen(pending, "antoine@example.fr", "create")).not.toHaveProperty(
      "pendingEmail",
    );
  });
});
