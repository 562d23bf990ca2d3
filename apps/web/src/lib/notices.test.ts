import { describe, expect, it } from "vitest";
import { noticeText, readNotice } from "./notices";

describe("notices", () => {
  it("reads a known notice from the location state", () => {
    expect(readNotice({ notice: "signed-out" })).toEqual({ notice: "signed-out" });
    expect(readNotice({ notice: "migrated", email: "marie.dupont@example.fr" })).toEqual({
      notice: "migrated",
      email: "marie.dupont@example.fr",
    });
  });

  it("ignores anything else", () => {
    expect(readNotice(null)).toBeNull();
    expect(readNotice(undefined)).toBeNull();
    expect(readNotice({ notice: "hacked" })).toBeNull();
    expect(readNotice({ notice: "migrated" })).toBeNull();
  });

  it("words each notice in French", () => {
    expect(noticeText({ notice: "signed-out" })).toBe("Vous êtes déconnecté(e).");
    expect(noticeText({ notice: "migrated", email: "marie.dupont@example.fr" })).toBe(
      "Votre identifiant de connexion est désormais marie.dupont@example.fr.",
    );
    expect(noticeText({ notice: "expired" })).toMatch(/session a expiré/);
  });
});
