import { run } from "@zootools/email-spell-checker";

/** The providers most members use: a typed domain close to one of them is likely a typo. */
export const PROVIDER_DOMAINS = [
  "gmail.com",
  "hotmail.fr",
  "hotmail.com",
  "outlook.fr",
  "outlook.com",
  "live.fr",
  "live.com",
  "yahoo.fr",
  "yahoo.com",
  "orange.fr",
  "wanadoo.fr",
  "free.fr",
  "sfr.fr",
  "laposte.net",
  "icloud.com",
  "neuf.fr",
  "bbox.fr",
] as const;

/**
 * Real domains that sit close to a provider: typed exactly, they are no typo, and they
 * must not be "corrected" into a provider (mail.com is not gmail.com).
 */
const OTHER_KNOWN_DOMAINS = [
  "mail.com",
  "gmx.fr",
  "gmx.com",
  "aol.com",
  "aol.fr",
  "msn.com",
  "me.com",
  "mac.com",
  "yopmail.com",
  "hotmail.be",
  "hotmail.co.uk",
  "live.be",
  "outlook.be",
  "yahoo.co.uk",
  "proton.me",
  "protonmail.com",
  "laposte.fr",
  "sfr.net",
  "free.net",
];

const DOMAINS = [...PROVIDER_DOMAINS, ...OTHER_KNOWN_DOMAINS];
const PROVIDERS: ReadonlySet<string> = new Set(PROVIDER_DOMAINS);

/**
 * The address the member probably meant when the domain looks like a typo of a common
 * provider ("marie@gmial.com" → "marie@gmail.com"), else null. Only whole domains are
 * compared, and only a provider is ever proposed, so that an employer's or a university's
 * domain is never "corrected". The part before the @ is kept as typed.
 */
export function suggestEmail(typed: string): string | null {
  const value = typed.trim();
  const at = value.lastIndexOf("@");
  if (at <= 0 || at === value.length - 1) return null;
  const domain = value.slice(at + 1).toLowerCase();
  if (!domain.includes(".") || DOMAINS.includes(domain)) return null;
  // Second-level and top-level guesses are turned off: on their own they rewrite
  // unknown but real domains ("ac-paris.fr"), which is not a typo of a provider.
  const suggestion = run({
    email: `x@${domain}`,
    domains: DOMAINS,
    secondLevelDomains: [],
    topLevelDomains: [],
  });
  if (!suggestion || !PROVIDERS.has(suggestion.domain)) return null;
  return `${value.slice(0, at)}@${suggestion.domain}`;
}
