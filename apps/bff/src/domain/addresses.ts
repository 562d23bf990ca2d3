import { eq, sql } from "drizzle-orm";
import { preparedOnce } from "../db/client";
import { identities, members } from "../db/schema";
import type { Store } from "./context";
import { AppError } from "./errors";

/**
 * "Is this address free": what an address is today, decided here for every caller.
 * One address is the identifier of at most one Espace (invariant 1); the unique
 * constraints of the database have the last word in any race.
 */

/** Another Espace's identifier, an identity linked to no Espace, or free. */
export type AddressStatus = "taken" | "identity" | "free";

const addressLookup = preparedOnce((store: Store) =>
  store
    .select({ id: identities.id, linkedTo: members.id })
    .from(identities)
    .leftJoin(members, eq(members.identityId, identities.id))
    .where(eq(identities.email, sql.placeholder("email")))
    .prepare(),
);

export function addressStatus(store: Store, email: string): AddressStatus {
  const row = addressLookup(store).get({ email });
  if (!row) return "free";
  return row.linkedTo === null ? "identity" : "taken";
}

const TAKEN_MESSAGE =
  "Cette adresse email est déjà utilisée comme identifiant d'un autre Espace personnel.";

/** EMAIL_TAKEN, with the field message the wizard shows under the address. */
export function emailTaken(message?: string): AppError {
  return new AppError("EMAIL_TAKEN", {
    ...(message ? { message } : {}),
    fields: { email: TAKEN_MESSAGE },
  });
}

/** Throws EMAIL_TAKEN when the address is another Espace's identifier; returns its status otherwise. */
export function requireNotTaken(store: Store, email: string): Exclude<AddressStatus, "taken"> {
  const status = addressStatus(store, email);
  if (status === "taken") throw emailTaken();
  return status;
}
