/**
 * A name as the advisers' search compares it (OPERATIONS.md §2: "case and accents
 * ignored"): lower-cased, accents removed, ligatures spelt out, anything that is not a
 * letter or a digit a single space. "Lefèbvre-D'Arc" → "lefebvre d arc".
 */
export function searchableName(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The key an Espace is found by: its last name, then its first name. */
export function memberNameKey(lastName: string, firstName: string): string {
  return `${searchableName(lastName)} ${searchableName(firstName)}`.trim();
}
