import type { MailboxMessage } from "@mgen/contracts";
import { waitFor } from "./process";

/**
 * One browser over real HTTP (Node's global fetch): a tiny cookie jar, JSON in and out.
 * Every Set-Cookie line received is kept in `setCookies` so that tests can look at the
 * attributes and collect the session ids.
 */

export type Reply = {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: system tests read bodies of many shapes and assert them.
  body: any;
};

export type RequestOptions = {
  /** Sent as JSON with Content-Type: application/json. */
  json?: unknown;
  /** Sent as is (no Content-Type added). */
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Leave the jar out of this request. */
  noCookies?: boolean;
};

export class Client {
  private jar = new Map<string, string>();
  /** Every Set-Cookie line this client received, in order. */
  readonly setCookies: string[] = [];

  /** `headers` go with every request (an X-Forwarded-For behind a trusted proxy, say). */
  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** The same browser (cookies shared) talking to another instance behind the balancer. */
  at(baseUrl: string): Client {
    const other = new Client(baseUrl, this.headers);
    other.jar = this.jar;
    return other;
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  cookieHeader(): string | undefined {
    if (this.jar.size === 0) return undefined;
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...this.headers };
    const cookie = options.noCookies ? undefined : this.cookieHeader();
    if (cookie) headers.Cookie = cookie;
    let body: string | Uint8Array | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers["Content-Type"] = "application/json";
    }
    Object.assign(headers, options.headers);
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    for (const line of res.headers.getSetCookie()) {
      this.setCookies.push(line);
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = value === "" || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  }

  get(path: string, options?: RequestOptions): Promise<Reply> {
    return this.request("GET", path, options);
  }

  post(path: string, json: unknown = {}, options: RequestOptions = {}): Promise<Reply> {
    return this.request("POST", path, { ...options, json });
  }
}

/** Waits until the development mailbox holds a message for `to` matching `match`. */
export async function waitForMail(
  baseUrl: string,
  to: string,
  match: (m: MailboxMessage) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<MailboxMessage> {
  return waitFor(
    `an email to ${to}`,
    async () => {
      const res = await fetch(`${baseUrl}/api/dev/mailbox?to=${encodeURIComponent(to)}`);
      if (res.status !== 200) throw new Error(`GET /api/dev/mailbox answered ${res.status}`);
      const list = (await res.json()) as MailboxMessage[];
      return list.find(match);
    },
    { timeoutMs, everyMs: 50 },
  );
}

export { tokenOf } from "../test/harness";

/** The demo data of the README (NIRs as printed on the carte Vitale). */
export const DEMO = {
  marie: { nir: "2 90 08 69 123 045 11", email: "marie.dupont@example.fr", born: "1990-08-15" },
  jean: { nir: "1 84 05 75 056 082 81", email: "jean.martin@example.fr", born: "1984-05-12" },
  sophie: { nir: "2 85 03 31 555 001 23", email: "famille.bernard@example.fr", born: "1985-03-02" },
  marc: { nir: "1 83 02 31 555 002 57", email: "famille.bernard@example.fr", born: "1983-02-20" },
  paul: { nir: "1 75 12 13 055 123 66", email: "paul.petit@example.fr", born: "1975-12-24" },
  claire: { nir: "2 66 09 99 350 012 18", email: "claire.moreau@example.fr", born: "1966-09-30" },
  luc: { nir: "1 78 02 44 109 087 54", email: "luc.robert@example.fr", born: "1978-02-05" },
  emma: { nir: "2 92 07 67 482 021 69", email: "emma.richard@example.fr", born: "1992-07-19" },
  hugo: { nir: "1 88 04 59 350 012 87", email: "hugo.durand@example.fr", born: "1988-04-01" },
  lea: { nir: "2 71 12 35 238 012 59", email: null, born: "1971-12-08" },
  antoine: { nir: "1 85 02 2A 004 025 09", email: "antoine.leca@example.fr", born: "1985-02-14" },
} as const;

export const ESPACE_PASSWORD = "Demo-Espace-2026";
export const CONNECT_PASSWORD = "Demo-Connect-2026";
export const DEMO_SECRET_ANSWER = "Médor";
