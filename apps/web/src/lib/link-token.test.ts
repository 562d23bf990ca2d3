import { describe, expect, it } from "vitest";
import { clearLinkFragment, readLinkToken } from "./link-token";

describe("readLinkToken", () => {
  it("reads the token from the link's fragment", () => {
    expect(readLinkToken({ hash: "#token=abc_DEF-123" })).toBe("abc_DEF-123");
    expect(readLinkToken({ hash: "#utm=mail&token=xyz" })).toBe("xyz");
    expect(readLinkToken({ hash: "#token=a%2Bb" })).toBe("a+b");
  });

  it("is empty when the link lost its token", () => {
    expect(readLinkToken({ hash: "" })).toBe("");
    expect(readLinkToken({ hash: "#" })).toBe("");
    expect(readLinkToken({ hash: "#token=" })).toBe("");
    expect(readLinkToken({ hash: "#token=%20%20" })).toBe("");
    expect(readLinkToken({ hash: "#other=1" })).toBe("");
  });
});

/** A history entry as the browser keeps it: its address and the router's state. */
function browser(href: string, state: unknown = { key: "k1", idx: 0 }) {
  const url = new URL(href, "https://espace.example.fr");
  const calls: Array<{ state: unknown; url: string }> = [];
  const history = {
    state,
    replaceState(next: unknown, _unused: string, to?: string | URL | null) {
      calls.push({ state: next, url: String(to) });
    },
  };
  return { address: url, history, calls };
}

describe("clearLinkFragment", () => {
  it("takes the token out of the address bar and of the history entry", () => {
    const { address, history, calls } = browser("/validation-email#token=s3cr3t");
    clearLinkFragment(address, history);
    expect(calls).toEqual([{ state: { key: "k1", idx: 0 }, url: "/validation-email" }]);
    expect(calls[0]?.url).not.toContain("s3cr3t");
  });

  it("keeps the path and the query, and the router's state of the entry", () => {
    const state = { usr: { from: "mail" }, key: "abc", idx: 3 };
    const { address, history, calls } = browser(
      "/connect/reinitialisation?utm_source=mail#token=s3cr3t",
      state,
    );
    clearLinkFragment(address, history);
    expect(calls).toEqual([{ state, url: "/connect/reinitialisation?utm_source=mail" }]);
  });

  it("leaves an address without a fragment alone", () => {
    const { address, history, calls } = browser("/annuler-changement-identifiant");
    clearLinkFragment(address, history);
    expect(calls).toEqual([]);
  });
});
