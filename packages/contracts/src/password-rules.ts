/** The numbers of the password policy, light enough for the SPA's first screen. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_SCORE = 3;

export const PASSWORD_POLICY_TEXT = [
  `Entre ${PASSWORD_MIN_LENGTH} et ${PASSWORD_MAX_LENGTH} caractères, tous les caractères sont permis.`,
  "Difficile à deviner : une courte phrase de plusieurs mots inhabituels est idéale.",
  "Sans votre nom, votre prénom, votre date de naissance ni votre adresse email.",
];

export const STRENGTH_LABELS = ["Très faible", "Faible", "Moyen", "Fort", "Très fort"] as const;
