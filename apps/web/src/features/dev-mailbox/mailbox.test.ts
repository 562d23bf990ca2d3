import type { MailboxMessage } from "@mgen/contracts";
import { describe, expect, it } from "vitest";
import { isWebLink, newestFirst } from "./mailbox";
import { mailboxPath } from "./use-mailbox";

const message = (id: string, receivedAt: string): MailboxMessage => ({
  id,
  to: "marie.dupont@example.fr",
  subject: "s",
  text: "t",
  html: "<p>t</p>",
  links: [],
  receivedAt,
});

describe("dev mailbox", () => {
  it("sorts messages newest first", () => {
    const sorted = newestFirst([
      message("a", "2026-11-26T09:00:00Z"),
      message("c", "2026-11-26T11:00:00Z"),
      message("b", "2026-11-26T10:00:00Z"),
    ]);
    expect(sorted.map((m) => m.id)).toEqual(["c", "b", "a"]);
  });

  it("turns only web links into anchors", () => {
    expect(isWebLink("http://localhost:3000/validation-email#token=abc")).toBe(true);
    expect(isWebLink("https://www.mgen.fr/")).toBe(true);
    expect(isWebLink("javascript:alert(1)")).toBe(false);
    expect(isWebLink("not a link")).toBe(false);
  });

  it("filters by recipient with an encoded query", () => {
    expect(mailboxPath("")).toBe("/api/dev/mailbox");
    expect(mailboxPath(" jean+test@example.fr ")).toBe(
      "/api/dev/mailbox?to=jean%2Btest%40example.fr",
    );
  });
});
