import { describe, expect, it } from "vitest";
import { suggestEmail } from "./email-suggestion";

describe("suggestEmail", () => {
  it.each([
    ["marie@gmial.com", "marie@gmail.com"],
    ["x@hotmal.fr", "x@hotmail.fr"],
    ["jean@gmail.con", "jean@gmail.com"],
    ["jean@gmail.co", "jean@gmail.com"],
    ["paul@yahooo.fr", "paul@yahoo.fr"],
    ["lea@wanado.fr", "lea@wanadoo.fr"],
    ["luc@orage.fr", "luc@orange.fr"],
    ["hugo@outlok.fr", "hugo@outlook.fr"],
    ["emma@lapost.net", "emma@laposte.net"],
    ["claire@iclod.com", "claire@icloud.com"],
  ])("proposes the provider for %s", (typed, expected) => {
    expect(suggestEmail(typed)).toBe(expected);
  });

  it("keeps the part before the @ as typed, spaces around removed", () => {
    expect(suggestEmail("  Marie.Dupont@GMIAL.com ")).toBe("Marie.Dupont@gmail.com");
  });

  it.each([
    "jean@orange.fr",
    "marie@gmail.com",
    "x@free.fr",
    "x@sfr.fr",
    "marie.dupont@example.fr",
    "x@mgen.fr",
    "x@ac-paris.fr",
    "x@univ-lyon1.fr",
    "x@mail.com",
    "x@yopmail.com",
    "x@live.be",
    "x@hotmail.co.uk",
    "x@gmx.fr",
  ])("leaves %s alone", (typed) => {
    expect(suggestEmail(typed)).toBeNull();
  });

  it("says nothing about an address still being typed", () => {
    expect(suggestEmail("")).toBeNull();
    expect(suggestEmail("marie")).toBeNull();
    expect(suggestEmail("marie@")).toBeNull();
    expect(suggestEmail("marie@gmial")).toBeNull();
    expect(suggestEmail("@gmial.com")).toBeNull();
  });
});
