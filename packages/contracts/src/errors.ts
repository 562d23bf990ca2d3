/**
 * Every error code of API.md with its HTTP status. The status and code of an error
 * never change; the French message may be improved.
 */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  WEAK_PASSWORD: 400,
  TOKEN_INVALID: 400,
  WRONG_SECRET_ANSWER: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  IDENTITY_NOT_VALIDATED: 403,
  IDENTITY_NOT_LINKED: 403,
  /** Cross-origin state-changing request (API.md: Origin / Sec-Fetch-Site check). */
  FORBIDDEN_ORIGIN: 403,
  /** A staff route the signed-in role may not use (OPERATIONS.md §2). */
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ALREADY_MIGRATED: 409,
  NO_PASSWORD: 409,
  EMAIL_TAKEN: 409,
  /** Staff: the action needs an address the member does not have. */
  NO_ADDRESS: 409,
  /** Staff: no pending migration to resend or cancel. */
  NOTHING_PENDING: 409,
  /** Staff: nothing to unlock. */
  NOT_LOCKED: 409,
  PAYLOAD_TOO_LARGE: 413,
  ACCOUNT_LOCKED: 423,
  IDENTITY_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** Default French message of each code: what happened and what to do next. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_ERROR: "Certaines informations ne sont pas valides : corrigez les champs signalés.",
  WEAK_PASSWORD: "Ce mot de passe n'est pas assez sûr : choisissez-en un autre.",
  TOKEN_INVALID:
    "Ce lien n'est plus valable : il a déjà servi, a été remplacé par un lien plus récent ou a expiré. Demandez-en un nouveau.",
  WRONG_SECRET_ANSWER: "La réponse à votre question secrète ne correspond pas.",
  UNAUTHENTICATED: "Votre session a expiré ou n'est pas ouverte : connectez-vous à nouveau.",
  INVALID_CREDENTIALS: "Identifiant ou mot de passe incorrect.",
  IDENTITY_NOT_VALIDATED:
    "Votre identifiant MGEN Connect n'a pas été validé. Un email contenant un lien de réinitialisation de votre mot de passe vient de vous être envoyé.",
  IDENTITY_NOT_LINKED:
    "Cet identifiant MGEN Connect n'est associé à aucun Espace personnel. Connectez-vous une première fois avec votre numéro de sécurité sociale.",
  FORBIDDEN_ORIGIN: "Cette demande ne provient pas du site MGEN Connect : elle a été refusée.",
  FORBIDDEN: "Votre rôle ne permet pas cette action.",
  NOT_FOUND: "Cette adresse n'existe pas.",
  ALREADY_MIGRATED:
    "La connexion à votre Espace personnel se fait désormais avec l'adresse email indiquée lors de l'activation de votre compte. Utilisez votre identifiant MGEN Connect et le mot de passe qui lui est associé.",
  NO_PASSWORD:
    "Vous n'avez pas créé de mot de passe lors de la demande d'activation de votre compte.",
  EMAIL_TAKEN:
    "Cette adresse email est déjà utilisée comme identifiant d'un autre Espace personnel.",
  NO_ADDRESS:
    "Cet adhérent n'a pas d'adresse email connue : aucun lien ne peut lui être envoyé. Corrigez d'abord son adresse de contact.",
  NOT_LOCKED: "Ce compte n'est pas bloqué : il n'y a rien à débloquer.",
  NOTHING_PENDING: "Cet adhérent n'a pas de migration en attente de validation.",
  PAYLOAD_TOO_LARGE: "La demande est trop volumineuse.",
  ACCOUNT_LOCKED:
    "Votre compte est bloqué suite à plusieurs erreurs de saisie de votre mot de passe.",
  IDENTITY_LOCKED:
    "Votre identifiant MGEN Connect est bloqué. Vous allez recevoir un lien par email pour réinitialiser votre mot de passe.",
  RATE_LIMITED: "Trop de tentatives en peu de temps. Patientez un moment puis réessayez.",
  INTERNAL: "Une erreur inattendue s'est produite. Réessayez dans quelques instants.",
  UNAVAILABLE: "Le service est momentanément indisponible. Réessayez dans quelques instants.",
};
