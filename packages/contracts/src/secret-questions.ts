/**
 * The fixed list of secret questions. None can be answered from the NIR (no "city of
 * birth", no birth date). An answer is only ever a second check on top of an emailed
 * link, never a way in by itself (ASVS 6.4.2).
 */
export const SECRET_QUESTIONS = [
  { id: "pet", label: "Quel était le nom de votre premier animal de compagnie ?" },
  { id: "teacher", label: "Quel était le nom de votre instituteur ou institutrice préféré(e) ?" },
  { id: "street", label: "Dans quelle rue habitiez-vous à l'âge de dix ans ?" },
  { id: "friend", label: "Quel est le prénom de votre meilleur(e) ami(e) d'enfance ?" },
  { id: "book", label: "Quel est le titre du premier livre qui vous a marqué(e) ?" },
  { id: "dish", label: "Quel plat de votre enfance préfériez-vous ?" },
] as const;

export type SecretQuestionId = (typeof SECRET_QUESTIONS)[number]["id"];

export const SECRET_QUESTION_IDS = SECRET_QUESTIONS.map((q) => q.id) as [
  SecretQuestionId,
  ...SecretQuestionId[],
];

export const SECRET_ANSWER_MIN_LENGTH = 3;
export const SECRET_ANSWER_MAX_LENGTH = 100;

/** Trimmed, lower-cased, accents removed, inner spaces collapsed: "  Médor " = "medor". */
export function normalizeSecretAnswer(input: string): string {
  return input.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

export function secretQuestionLabel(id: string): string | undefined {
  return SECRET_QUESTIONS.find((q) => q.id === id)?.label;
}
