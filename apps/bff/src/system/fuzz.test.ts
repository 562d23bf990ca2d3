import { request as httpRequest } from "node:http";
import { ERROR_CODES, formatNir, nirKey } from "@mgen/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, CONNECT_PASSWORD, DEMO, ESPACE_PASSWORD } from "./client";
import { AppProcess, removeDir } from "./process";

/**
 * Hostile and malformed requests on every route of API.md, against the real process.
 * Whatever arrives, the BFF answers a 4xx with the error envelope and a code of the
 * contracts (never a 5xx, never a stack, SQL or path), and keeps serving.
 */

// ------------------------------------------------------------------ deterministic inputs

/** mulberry32: a small seeded PRNG, so that every run sends the same bytes. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(0x5eed2026);
const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));

const UNKNOWN_NIR = formatNir(`1990175000001${nirKey("1990175000001")}`);
const STRONG = "Girafe bleue sous la pluie d'automne";

type FieldKind =
  | "nir"
  | "currentPassword"
  | "newPassword"
  | "email"
  | "birthDate"
  | "token"
  | "questionId"
  | "answer";

/** A valid value of each kind that changes nothing that matters (unknown NIR, unknown address…). */
const BASE: Record<FieldKind, string> = {
  nir: UNKNOWN_NIR,
  currentPassword: "Fuzz-Password-2026!",
  newPassword: STRONG,
  email: "fuzz.nobody@example.org",
  birthDate: "1980-01-01",
  token: "A".repeat(43),
  questionId: "pet",
  answer: "Rantanplan",
};

type Route = { path: string; fields: Record<string, FieldKind>; validated: boolean };

/** Every POST route of API.md with the fields of its body. */
const POST_ROUTES: Route[] = [
  { path: "/api/logout", fields: {}, validated: false },
  { path: "/api/login/nir", fields: { nir: "nir", password: "currentPassword" }, validated: true },
  {
    path: "/api/login/email",
    fields: { email: "email", password: "currentPassword" },
    validated: true,
  },
  { path: "/api/migration/email", fields: { email: "email" }, validated: true },
  {
    path: "/api/migration/create",
    fields: {
      email: "email",
      password: "newPassword",
      secretQuestionId: "questionId",
      secretAnswer: "answer",
    },
    validated: true,
  },
  {
    path: "/api/migration/link",
    fields: { email: "email", password: "currentPassword" },
    validated: true,
  },
  { path: "/api/migration/resend", fields: {}, validated: true },
  { path: "/api/migration/confirm", fields: { token: "token" }, validated: true },
  { path: "/api/migration/cancel", fields: { token: "token" }, validated: true },
  {
    path: "/api/legacy/forgot-password",
    fields: { nir: "nir", birthDate: "birthDate" },
    validated: true,
  },
  { path: "/api/legacy/unlock", fields: { nir: "nir", birthDate: "birthDate" }, validated: true },
  {
    path: "/api/legacy/reset-password",
    fields: { token: "token", password: "newPassword" },
    validated: true,
  },
  { path: "/api/connect/forgot-password", fields: { email: "email" }, validated: true },
  { path: "/api/connect/reset-password/inspect", fields: { token: "token" }, validated: true },
  {
    path: "/api/connect/reset-password",
    fields: { token: "token", password: "newPassword", secretAnswer: "answer" },
    validated: true,
  },
];

const GET_ROUTES = [
  "/api/session",
  "/api/migration",
  "/api/secret-questions",
  "/api/me",
  "/api/health",
  "/api/dev/mailbox",
];

const HUGE = "A".repeat(15 * 1024);

/** Values of the wrong JSON type: every one must be a VALIDATION_ERROR naming its field. */
const WRONG_TYPES: Array<[string, unknown]> = [
  ["0", 0],
  ["-1", -1],
  ["3.14", 3.14],
  ["1e308", 1e308],
  ["true", true],
  ["false", false],
  ["null", null],
  ["[]", []],
  ['["a","b"]', ["a", "b"]],
  ["[[[]]]", [[[]]]],
  ["{}", {}],
  ['{"$gt":""}', { $gt: "" }],
  ['{"toString":…}', { toString: "x", valueOf: 1 }],
  ['{"__proto__":…}', JSON.parse('{"__proto__":{"polluted":true}}')],
  ['{"constructor":{"prototype":…}}', { constructor: { prototype: { polluted: true } } }],
];

/** Hostile strings: any status but a 5xx. */
const HOSTILE_STRINGS: Array<[string, string]> = [
  ["empty", ""],
  ["spaces", "   "],
  ["15 KB", HUGE],
  ["14 KB of é", "é".repeat(7000)],
  ["lone high surrogate", "\ud800"],
  ["lone low surrogate inside", "a\udfffb"],
  ["reversed surrogates", "\udc00\ud800xyz"],
  ["NUL", "\u0000"],
  ["NUL inside", "abc\u0000def@example.org"],
  ["control characters", "\u0001\u0002\u0007\b\u001b[31m\u007f\u0085"],
  ["CRLF", "x\r\nSet-Cookie: a=b\r\n\r\n"],
  ["RTL override", "\u202eelpmaxe\u202c"],
  ["zero-width", "a\u200b\u200c\u200d\ufeffb"],
  ["emoji", "🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊"],
  ["SQL", "' OR 1=1; DROP TABLE members; --"],
  ["HTML", "<script>alert(1)</script>"],
  ["path", "../../../../etc/passwd"],
  ["format string", "%s%s%s%n%x"],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose.
  ["template", "${7*7}{{7*7}}#{7*7}"],
  ["400 digits", "9".repeat(400)],
  ["fullwidth digits", "２９００８６９１２３０４５１１"],
  ["NIR with letters", "2 90 08 69 123 045 1A"],
  ["at signs", "@@@@@"],
  ["long email", `${"a".repeat(300)}@example.org`],
  ["date out of range", "9999-99-99"],
  ["1024+1 chars", "x".repeat(1025)],
];

// ------------------------------------------------------------------ cases

type Body = string | Uint8Array | { stream: number };
type Session = "wizard" | "expendable" | "none" | "custom";
type Case = {
  label: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Body;
  /** Statuses this case may answer; any status < 500 when absent. */
  expect?: number[];
  /** The error code, when known. */
  code?: string;
  /** A field the error must name. */
  field?: string;
  session?: Session;
};

const JSON_TYPE = { "Content-Type": "application/json" };

function baseBody(route: Route): Record<string, unknown> {
  return Object.fromEntries(Object.entries(route.fields).map(([k, kind]) => [k, BASE[kind]]));
}

function jsonCase(route: Route, label: string, body: unknown, extra: Partial<Case> = {}): Case {
  return {
    label,
    method: "POST",
    path: route.path,
    headers: JSON_TYPE,
    body: JSON.stringify(body),
    ...extra,
  };
}

const bytes = (...parts: Array<string | number[]>) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "utf8")] : p)));

function casesOf(route: Route): Case[] {
  const cases: Case[] = [];
  const base = baseBody(route);
  const validationOnly = route.validated ? { expect: [400], code: "VALIDATION_ERROR" } : {};

  // One field at a time: wrong types, missing, hostile strings.
  for (const field of Object.keys(route.fields)) {
    for (const [name, value] of WRONG_TYPES) {
      cases.push(
        jsonCase(
          route,
          `${field} = ${name}`,
          { ...base, [field]: value },
          {
            expect: [400],
            code: "VALIDATION_ERROR",
            field,
          },
        ),
      );
    }
    const { [field]: _omitted, ...without } = base;
    cases.push(jsonCase(route, `${field} missing`, without));
    for (const [name, value] of HOSTILE_STRINGS) {
      cases.push(jsonCase(route, `${field} = ${name}`, { ...base, [field]: value }));
    }
  }

  // Whole bodies.
  cases.push(jsonCase(route, "valid body", base));
  cases.push(jsonCase(route, "unknown field", { ...base, isAdmin: true }, validationOnly));
  for (const key of ["__proto__", "constructor", "prototype"]) {
    const raw = JSON.stringify(base).replace(/^\{/, `{"${key}":{"polluted":true,"isAdmin":true},`);
    cases.push({
      label: `prototype key ${key}`,
      method: "POST",
      path: route.path,
      headers: JSON_TYPE,
      body: raw.replace(",}", "}"),
      ...validationOnly,
    });
  }
  const nestedArrays = `${"[".repeat(8000)}${"]".repeat(8000)}`;
  const nestedObjects = `${'{"a":'.repeat(2700)}1${"}".repeat(2700)}`;
  const firstField = Object.keys(route.fields)[0] ?? "x";
  const nestedField = `{"${firstField}":${"[".repeat(7000)}${"]".repeat(7000)}}`;
  for (const [label, raw] of [
    ["8000 nested arrays", nestedArrays],
    ["2700 nested objects", nestedObjects],
    ["7000 nested arrays in a field", nestedField],
  ] as const) {
    cases.push({ label, method: "POST", path: route.path, headers: JSON_TYPE, body: raw });
  }
  const malformed = [
    "",
    " ",
    "{",
    "}",
    '{"email":}',
    "{'email':'x'}",
    '{"a":1,}',
    "[1,2",
    "NaN",
    "undefined",
    '{"a":1}{"b":2}',
    '{"x":"\\uZZZZ"}',
    '{"x":"unterminated',
    '"a string"',
    "123",
    "true",
    "null",
    "[]",
    '{"a":1e999999}',
    "\u0000",
  ];
  // A byte-order mark is stripped by the WHATWG UTF-8 decoding of Request.json(): valid.
  cases.push({
    label: "JSON after a byte-order mark",
    method: "POST",
    path: route.path,
    headers: JSON_TYPE,
    body: `\ufeff${JSON.stringify(base)}`,
  });
  for (const raw of malformed) {
    cases.push({
      label: `malformed JSON ${JSON.stringify(raw).slice(0, 30)}`,
      method: "POST",
      path: route.path,
      headers: JSON_TYPE,
      body: raw,
      ...validationOnly,
    });
  }
  const invalidUtf8: Array<[string, Uint8Array]> = [
    ["bytes ff fe fd", bytes([0xff, 0xfe, 0xfd])],
    ["broken 2-byte sequence in a string", bytes(`{"${firstField}":"`, [0xc3, 0x28], '"}')],
    ["CESU-8 surrogate", bytes(`{"${firstField}":"`, [0xed, 0xa0, 0x80], '"}')],
    ["overlong slash", bytes(`{"${firstField}":"`, [0xc0, 0xaf], '"}')],
    ["truncated 4-byte sequence", bytes(`{"${firstField}":"`, [0xf0, 0x9f, 0x98], '"}')],
    ["UTF-16LE with BOM", Uint8Array.from(Buffer.from(`\ufeff${JSON.stringify(base)}`, "utf16le"))],
    ["64 random bytes", randomBytes(64)],
    ["4096 random bytes", randomBytes(4096)],
  ];
  for (const [label, body] of invalidUtf8) {
    cases.push({
      label: `raw ${label}`,
      method: "POST",
      path: route.path,
      headers: JSON_TYPE,
      body,
    });
  }
  const asForm = new URLSearchParams(
    Object.entries(base).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  const wrongTypes: Array<[string, Record<string, string>, Body]> = [
    ["text/plain", { "Content-Type": "text/plain" }, JSON.stringify(base)],
    ["form-urlencoded", { "Content-Type": "application/x-www-form-urlencoded" }, asForm || "a=1"],
    [
      "multipart",
      { "Content-Type": "multipart/form-data; boundary=XyZ" },
      `--XyZ\r\nContent-Disposition: form-data; name="${firstField}"\r\n\r\nvalue\r\n--XyZ--\r\n`,
    ],
    ["no content type", {}, bytes(JSON.stringify(base))],
    ["application/xml", { "Content-Type": "application/xml" }, "<a>1</a>"],
    ["application/jsonx", { "Content-Type": "application/jsonx" }, JSON.stringify(base)],
    ["json list", { "Content-Type": "application/json, text/plain" }, JSON.stringify(base)],
    ["garbage type", { "Content-Type": ';;;/=""' }, JSON.stringify(base)],
  ];
  for (const [label, headers, body] of wrongTypes) {
    cases.push({
      label: `content type: ${label}`,
      method: "POST",
      path: route.path,
      headers,
      body,
      expect: [400],
      code: "VALIDATION_ERROR",
    });
  }
  // Accepted JSON types with odd parameters: any status but a 5xx.
  for (const type of [
    "APPLICATION/JSON",
    "application/json; charset=utf-16",
    "application/vnd.x+json",
  ]) {
    cases.push({
      label: `content type: ${type}`,
      method: "POST",
      path: route.path,
      headers: { "Content-Type": type },
      body: JSON.stringify(base),
    });
  }
  const tooLarge = { expect: [413], code: "PAYLOAD_TOO_LARGE" };
  cases.push(
    jsonCase(route, "body of 17 KB", { ...base, [firstField]: "A".repeat(17 * 1024) }, tooLarge),
  );
  cases.push({
    label: "body of 1 MiB",
    method: "POST",
    path: route.path,
    headers: JSON_TYPE,
    body: "A".repeat(1024 * 1024),
    ...tooLarge,
  });
  cases.push({
    label: "chunked body of 64 KiB",
    method: "POST",
    path: route.path,
    headers: JSON_TYPE,
    body: { stream: 64 * 1024 },
    ...tooLarge,
  });

  // Wrong methods: no such route.
  for (const method of ["GET", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
    const withBody = method !== "GET" && method !== "OPTIONS";
    cases.push({
      label: `${method} on a POST route`,
      method,
      path: route.path,
      headers: withBody ? JSON_TYPE : {},
      ...(withBody ? { body: JSON.stringify(base) } : {}),
      expect: [404],
      code: "NOT_FOUND",
    });
  }
  return cases;
}

function getCases(): Case[] {
  const cases: Case[] = [];
  for (const path of GET_ROUTES) {
    cases.push({ label: "GET", method: "GET", path });
    cases.push({
      label: "GET with a query",
      method: "GET",
      path: `${path}?a=%00&b=%ZZ&__proto__=1`,
    });
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      // DELETE /api/dev/mailbox exists (it empties the development mailbox).
      const exists = method === "DELETE" && path === "/api/dev/mailbox";
      cases.push({
        label: `${method} on a GET route`,
        method,
        path,
        headers: JSON_TYPE,
        body: "{}",
        ...(exists ? {} : { expect: [404], code: "NOT_FOUND" }),
      });
    }
  }
  return cases;
}

function pathCases(): Case[] {
  const paths = [
    "/api/%00",
    "/api/..%2f",
    "/api/..%2f..%2f..%2fetc%2fpasswd",
    "/api/%2e%2e/%2e%2e/etc/passwd",
    "/api/login%2fnir",
    "/api/login/nir%00",
    "/api/login/nir/",
    "/api//login/nir",
    "/api/LOGIN/NIR",
    "/api/%",
    "/api/%ZZ",
    "/api/%C0%AF",
    "/api/%ED%A0%80",
    "/api/%FF%FE",
    "/api/é/ü",
    "/api/session;jsessionid=1",
    "/api/health/..",
    "/api/dev/mailbox/%00/html",
    "/api/dev/mailbox/..%2f..%2f/html",
    `/api/dev/mailbox/${"x".repeat(4000)}/html`,
    "/api/dev/mailbox?to=%ZZ",
    "/api/dev/mailbox?to=%00",
    `/api/dev/mailbox?to=${"a".repeat(8000)}`,
    "/api/dev/mailbox?to[]=a&to[]=b",
    "/api/health?%ZZ=%ZZ",
    `/api/${"a".repeat(2000)}`,
    `/api/${"a/".repeat(4000)}`,
    `/api/${"%41".repeat(3000)}`,
    "/api/__proto__",
    "/api/constructor",
    "/api/login/__proto__",
  ];
  const cases: Case[] = [];
  for (const path of paths) {
    cases.push({ label: "weird path", method: "GET", path });
    cases.push({ label: "weird path", method: "POST", path, headers: JSON_TYPE, body: "{}" });
  }
  return cases;
}

function headerCases(): Case[] {
  const cases: Case[] = [];
  const forbidden = { expect: [403], code: "FORBIDDEN_ORIGIN" };
  for (const route of POST_ROUTES) {
    const body = JSON.stringify(baseBody(route));
    const crossOrigin: Array<Record<string, string>> = [
      { Origin: "https://evil.example" },
      { Origin: "null" },
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site", Origin: "https://evil.example" },
    ];
    for (const headers of crossOrigin) {
      cases.push({
        label: `cross-origin ${JSON.stringify(headers)}`,
        method: "POST",
        path: route.path,
        headers: { ...JSON_TYPE, ...headers },
        body,
        ...forbidden,
      });
    }
  }
  const cookies = [
    "mgen_session=%ZZ",
    "mgen_session=%E0%A4%A",
    `mgen_session=${"a".repeat(4000)}`,
    'mgen_session="quoted"',
    "mgen_session=",
    "mgen_session=a; mgen_session=b",
    "mgen_session",
    "=;=;=",
    "__proto__=1; constructor=2",
    "mgen_session=%C3%A9",
  ];
  for (const cookie of cookies) {
    for (const [method, path] of [
      ["GET", "/api/session"],
      ["GET", "/api/migration"],
      ["GET", "/api/me"],
      ["POST", "/api/logout"],
      ["POST", "/api/migration/resend"],
    ] as const) {
      cases.push({
        label: `cookie ${cookie.slice(0, 30)}`,
        method,
        path,
        headers: { Cookie: cookie, ...(method === "POST" ? JSON_TYPE : {}) },
        ...(method === "POST" ? { body: "{}" } : {}),
        session: "custom",
      });
    }
  }
  const odd: Array<Record<string, string>> = [
    { "X-Forwarded-For": "1.2.3.4, <script>, ::ffff:zz" },
    { "X-Forwarded-For": "x".repeat(6000) },
    { "X-Real-IP": "%00" },
    { Host: "evil.example" },
    { Accept: "*/*;q=NaN" },
    { "Accept-Encoding": "gzip;q=2, br;q=-1" },
    { "X-Huge": "h".repeat(8000) },
    { "Content-Encoding": "gzip" },
  ];
  for (const headers of odd) {
    cases.push({
      label: `header ${Object.keys(headers)[0]}`,
      method: "POST",
      path: "/api/login/email",
      headers: { ...JSON_TYPE, ...headers },
      body: JSON.stringify({ email: BASE.email, password: BASE.currentPassword }),
    });
    cases.push({
      label: `header ${Object.keys(headers)[0]}`,
      method: "GET",
      path: "/api/session",
      headers,
    });
  }
  return cases;
}

/** Every case once without a session and once with a NIR session (the wizard's). */
function allCases(): Case[] {
  const cases = [...POST_ROUTES.flatMap(casesOf), ...getCases(), ...pathCases(), ...headerCases()];
  return cases.flatMap((c): Case[] => {
    if (c.session === "custom") return [c];
    // Logging out ends the session it is sent with: it gets one of its own to end.
    const withSession: Session = c.path.startsWith("/api/logout") ? "expendable" : "wizard";
    return [
      { ...c, session: "none" },
      { ...c, session: withSession },
    ];
  });
}

// ------------------------------------------------------------------ checks

const STACK_OR_PATH = [
  /^\s*at\s/m,
  /\bat\s+\S+\s+\(.*:\d+:\d+\)/,
  /\bat\s+(?:file:\/\/|node:|\/)\S*:\d+:\d+/,
  /(?:file:\/\/|node:internal|node_modules)/,
  /(?:^|[\s"'(])\/(?:work|home|tmp|usr|var|root|opt|app|srv)\//,
  /[\w-]+\.(?:ts|js|mjs|cjs|tsx)(?::\d+)/,
  /[A-Za-z]:\\/,
  /SQLITE/i,
  /\bSQL\b/,
  /\b(?:Type|Reference|Syntax|Range|URI)Error\b/,
  /\bError:/,
  /\[object Object\]/,
];

function leaks(text: string): RegExp | undefined {
  return STACK_OR_PATH.find((re) => re.test(text));
}

type Outcome = { c: Case; status: number; text: string; contentType: string; requestId: string };

function problemsOf(o: Outcome): string[] {
  const problems: string[] = [];
  const { c, status, text } = o;
  if (status >= 500) problems.push(`answered ${status}`);
  if (c.expect && !c.expect.includes(status))
    problems.push(`answered ${status}, expected ${c.expect}`);
  if (status >= 400) {
    if (!/^application\/json/.test(o.contentType)) problems.push(`content type ${o.contentType}`);
    let body: { error?: { code?: unknown; message?: unknown; fields?: Record<string, unknown> } };
    try {
      body = JSON.parse(text);
    } catch {
      problems.push("error body is not JSON");
      return problems;
    }
    const error = body?.error;
    if (typeof error?.code !== "string" || !(ERROR_CODES as string[]).includes(error.code)) {
      problems.push(`unknown error code ${JSON.stringify(error?.code)}`);
    }
    if (typeof error?.message !== "string" || error.message.length === 0) {
      problems.push("no message");
    }
    if (c.code && error?.code !== c.code) problems.push(`code ${error?.code}, expected ${c.code}`);
    if (c.field && typeof error?.fields?.[c.field] !== "string") {
      problems.push(`fields.${c.field} missing`);
    }
    // Field names may echo the request's own keys; the messages must leak nothing.
    const said = [error?.message, ...Object.values(error?.fields ?? {})].map(String).join("\n");
    const leak = leaks(said);
    if (leak) problems.push(`message leaks ${leak}`);
  }
  return problems;
}

// ------------------------------------------------------------------ sending

/** One request on a new connection that nothing else uses (node:http, no agent). */
function sendAlone(app: AppProcess, c: Case, headers: Record<string, string>): Promise<Outcome> {
  const whole = typeof c.body === "string" || c.body instanceof Uint8Array ? c.body : undefined;
  // Without a length, node:http sends the body chunked (Transfer-Encoding: chunked).
  const length = whole === undefined ? {} : { "Content-Length": String(Buffer.byteLength(whole)) };
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: app.port,
        // As a browser or fetch would send it: non-ASCII characters percent-encoded.
        path: c.path.replace(/[^\x21-\x7e]/gu, (ch) => encodeURIComponent(ch)),
        method: c.method,
        agent: false,
        headers: { ...headers, ...length },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => {
          text += d;
        });
        res.on("end", () =>
          resolve({
            c,
            status: res.statusCode ?? 0,
            text,
            contentType: String(res.headers["content-type"] ?? ""),
            requestId: String(res.headers["x-request-id"] ?? ""),
          }),
        );
      },
    );
    req.on("error", reject);
    if (whole !== undefined) req.end(whole);
    else if (c.body && typeof c.body === "object" && "stream" in c.body) {
      for (let sent = 0; sent < c.body.stream; sent += 4096) req.write(Buffer.alloc(4096, 0x41));
      req.end();
    } else req.end();
  });
}

/**
 * Every case goes on a connection of its own: a keep-alive socket that the server closes
 * (idle timeout under load, or after a refused body) would otherwise fail the next case
 * with a reset that says nothing about the app.
 */
async function send(app: AppProcess, c: Case, cookies: Record<Session, string>): Promise<Outcome> {
  const headers: Record<string, string> = { ...c.headers };
  const cookie = cookies[c.session ?? "none"];
  if (cookie) headers.Cookie = cookie;
  return sendAlone(app, c, headers);
}

async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (;;) {
        const i = next++;
        if (i >= items.length) return;
        results[i] = await work(items[i] as T);
      }
    }),
  );
  return results;
}

function describeCase(c: Case): string {
  const body =
    c.body === undefined
      ? ""
      : c.body instanceof Uint8Array
        ? ` body=<${c.body.length} bytes ${Buffer.from(c.body.slice(0, 24)).toString("hex")}…>`
        : typeof c.body === "string"
          ? ` body=${JSON.stringify(c.body.length > 120 ? `${c.body.slice(0, 120)}…(${c.body.length})` : c.body)}`
          : ` body=<stream ${c.body.stream} bytes>`;
  return `${c.method} ${c.path.slice(0, 120)} [${c.label}; session ${c.session}] headers=${JSON.stringify(c.headers ?? {}).slice(0, 200)}${body}`;
}

// ------------------------------------------------------------------ the test

let app: AppProcess;

beforeAll(async () => {
  app = await AppProcess.start();
}, 40_000);

afterAll(async () => {
  await app?.stop();
  if (app) removeDir(app.dir);
});

describe("fuzzing every route of API.md on the real process", () => {
  it("answers every malformed or hostile request with a 4xx envelope, never a 5xx, and keeps serving", async () => {
    const wizard = new Client(app.url);
    expect(
      (await wizard.post("/api/login/nir", { nir: DEMO.marie.nir, password: ESPACE_PASSWORD }))
        .status,
    ).toBe(200);
    const expendable = new Client(app.url);
    expect(
      (
        await expendable.post("/api/login/nir", {
          nir: DEMO.antoine.nir,
          password: ESPACE_PASSWORD,
        })
      ).status,
    ).toBe(200);
    const cookies: Record<Session, string> = {
      wizard: wizard.cookieHeader() ?? "",
      expendable: expendable.cookieHeader() ?? "",
      none: "",
      custom: "",
    };
    expect(cookies.wizard).toMatch(/^mgen_session=/);

    const cases = allCases();
    const started = Date.now();
    const networkErrors: string[] = [];
    const outcomes = await pool(cases, 8, async (c) => {
      try {
        return await send(app, c, cookies);
      } catch (error) {
        networkErrors.push(
          `${describeCase(c)}: ${String(error)} ${String((error as Error).cause ?? "")}`,
        );
        return undefined;
      }
    });
    const elapsed = Date.now() - started;

    const distribution: Record<string, number> = {};
    const failures: string[] = [];
    const logLines = app.logs().split("\n");
    for (const o of outcomes) {
      if (!o) continue;
      distribution[o.status] = (distribution[o.status] ?? 0) + 1;
      const problems = problemsOf(o);
      if (problems.length > 0) {
        const logged = o.requestId ? logLines.filter((l) => l.includes(o.requestId)) : [];
        failures.push(
          `${describeCase(o.c)}\n    → ${problems.join("; ")}\n    response: ${o.text.slice(0, 300)}\n    log: ${logged.join("\n         ")}`,
        );
      }
    }
    console.log(
      `fuzz: ${cases.length} requests in ${elapsed} ms, statuses ${JSON.stringify(distribution)}`,
    );
    if (failures.length > 0)
      console.log(`fuzz failures (${failures.length}):\n${failures.join("\n")}`);
    expect(networkErrors).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(500);
    expect(failures).toEqual([]);
    expect(Object.keys(distribution).filter((s) => Number(s) >= 500)).toEqual([]);
    // No request was answered by an unexpected error, by the log's own account.
    expect(app.logs()).not.toMatch(/"level":(?:50|60)/);

    // Still alive and serving: health, the wizard's session, and a normal sign-in.
    expect(app.alive()).toBe(true);
    const health = await fetch(`${app.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    expect((await wizard.get("/api/migration")).status).toBe(200);
    const luc = new Client(app.url);
    const signIn = await luc.post("/api/login/email", {
      email: DEMO.luc.email,
      password: CONNECT_PASSWORD,
    });
    expect(signIn.status).toBe(200);
    expect(signIn.body).toEqual({ state: "member", firstName: "Luc", email: DEMO.luc.email });
    expect((await luc.get("/api/me")).body).toMatchObject({ firstName: "Luc", lastName: "Robert" });
  }, 90_000);
});
