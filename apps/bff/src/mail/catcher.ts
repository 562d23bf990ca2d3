import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { MailboxMessage } from "@mgen/contracts";
import { type AddressObject, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * The embedded mail catcher of development and tests: a real SMTP server on loopback
 * that keeps what it receives in memory, outside the application database (SPEC
 * invariant 4), for the mailbox page and /api/dev/mailbox.
 */
export type MailCatcher = {
  port: number;
  list(to?: string): MailboxMessage[];
  get(id: string): MailboxMessage | undefined;
  clear(): void;
  close(): Promise<void>;
};

const MAX_MESSAGES = 500;
const URL_RE = /https?:\/\/[^\s<>"')\]]+/g;

function addresses(value: AddressObject | AddressObject[] | undefined): string {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list
    .flatMap((a) => a.value.map((v) => v.address ?? ""))
    .filter(Boolean)
    .join(", ")
    .toLowerCase();
}

export async function startMailCatcher(port: number, host = "127.0.0.1"): Promise<MailCatcher> {
  const messages: MailboxMessage[] = [];

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    banner: "MGEN Connect development mail catcher",
    logger: false,
    size: 1024 * 1024,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const text = mail.text ?? "";
          const html = typeof mail.html === "string" ? mail.html : "";
          messages.unshift({
            id: randomUUID(),
            to: addresses(mail.to),
            subject: mail.subject ?? "",
            text,
            html,
            links: [...new Set(text.match(URL_RE) ?? [])],
            receivedAt: new Date().toISOString(),
          });
          messages.length = Math.min(messages.length, MAX_MESSAGES);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const bound = (server.server.address() as AddressInfo).port;

  return {
    port: bound,
    list: (to) => {
      const wanted = to?.trim().toLowerCase();
      return wanted ? messages.filter((m) => m.to.split(", ").includes(wanted)) : [...messages];
    },
    get: (id) => messages.find((m) => m.id === id),
    clear: () => {
      messages.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
