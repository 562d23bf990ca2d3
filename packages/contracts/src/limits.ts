/** Limits that the screens mention to members (SPEC "Locks", "Throttling"). */

/** Consecutive failed passwords that lock an Espace or an MGEN Connect identity. */
export const MAX_FAILED_ATTEMPTS = 5;

/** Wrong secret answers an identity may give in any 24 hours, whatever the links asked. */
export const MAX_WRONG_ANSWERS_PER_DAY = 5;

/** Different addresses an Espace may try at step 1 of the wizard in an hour (default). */
export const WIZARD_ADDRESSES_PER_HOUR = 10;
