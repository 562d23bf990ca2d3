/** SPEC "Locks": 5 consecutive failed passwords lock an Espace or an identity. */
export const MAX_FAILED_ATTEMPTS = 5;
