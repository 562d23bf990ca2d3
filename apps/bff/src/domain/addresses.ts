import { addressHolder } from "../store/accounts";
import type { Executor } from "./context";
import { AppError } from "./errors";

/**
 * "Is this address free": what an address is today, decided here for every caller.
 * One address is the identifier of at most one Espace (invariant 1); the unique
 * constraints of the database have the last word in any race.
 */

/** Another Espace's identifier, an identity linked to no Espace, or free. */
export type AddressStatus = "taken" | "identity" | "free";

export async function addressStatus(x: Executor, email: string): Promise<AddressStatus> {
  const holder = await addressHolder(x, email);
  if (!holder) return "free";
  return holder.linkedTo === null ? "identity" : "taken";
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
export async function requireNotTaken(
  x: Executor,
  email: string,
): Promise<Exclude<AddressStatus, "taken">> {
  const status = await addressStatus(x, email);
  if (status === "taken") throw emailTaken();
  return status;
}
