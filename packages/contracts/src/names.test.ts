import { describe, expect, it } from "vitest";
import { memberNameKey, searchableName } from "./names";

describe("searchableName", () => {
  it("ignores case, accents, ligatures and punctuation, as the advisers' search promises", () => {
    expect(searchableName("Lefèbvre-D'Arc")).toBe("lefebvre d arc");
    expect(searchableName("  ÉLOÏSE  ")).toBe("eloise");
    expect(searchableName("Cœur")).toBe("coeur");
    expect(searchableName("Çà et là")).toBe("ca et la");
  });

  it("keys an Espace by last name then first name", () => {
    expect(memberNameKey("Dupont", "Jean-Pierre")).toBe("dupont jean pierre");
    expect(memberNameKey("Dupont", "Jean").startsWith(searchableName("dupo"))).toBe(true);
  });
});
