/**
 * Staff accounts are created by command, never by the web (OPERATIONS.md §2):
 *   pnpm staff:create --email … --name … --role conseiller|superviseur [--renew]
 *   pnpm staff:unlock --email …
 *   pnpm staff:code [--secret BASE32]   (the current TOTP code: a demo without a phone)
 * They read the BFF's configuration and may run while the server runs. `staff:create`
 * prints the one-time enrolment link (24 h); `--renew` gives an existing account a new
 * link and a new TOTP secret (a lost phone), its password gone until it enrols again.
 */

import { parseArgs } from "node:util";
import { emailSchema } from "@mgen/contracts";
import { STAFF_ROLES, type StaffRole } from "@mgen/contracts/staff";
import pino from "pino";
import { openDatabase, prepareDatabase } from "../db/open";
import { AppError } from "../domain/errors";
import { createKeys } from "../domain/keys";
import {
  createStaff,
  currentCode,
  DEMO_STAFF_TOTP_SECRET,
  unlockStaffAccount,
} from "../domain/staff-auth";
import { loadConfig } from "../env";
import { exitOnConfigError } from "../main-support";

const [command, ...rest] = process.argv.slice(2);

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function options(names: string[], flags: string[] = []) {
  try {
    return parseArgs({
      args: rest,
      options: Object.fromEntries([
        ...names.map((n) => [n, { type: "string" as const }]),
        ...flags.map((n) => [n, { type: "boolean" as const }]),
      ]),
    }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    fail((error as Error).message);
  }
}

function email(value: unknown): string {
  const parsed = emailSchema.safeParse(value ?? "");
  if (!parsed.success) fail("Indiquez une adresse email valide avec --email.");
  return parsed.data;
}

if (command === "code") {
  const { secret } = options(["secret"]);
  console.log(
    currentCode(typeof secret === "string" ? secret : DEMO_STAFF_TOTP_SECRET, Date.now()),
  );
  process.exit(0);
}

if (command !== "create" && command !== "unlock") {
  fail(
    "Usage : pnpm staff:create --email … --name … --role conseiller|superviseur [--renew]\n        pnpm staff:unlock --email …\n        pnpm staff:code [--secret BASE32]",
  );
}

const config = exitOnConfigError(loadConfig);
const db = openDatabase(config);
await prepareDatabase(db, async () => {});
const ctx = {
  db,
  keys: createKeys(config),
  now: Date.now,
  config,
  logger: pino({ level: "silent" }),
};
try {
  if (command === "create") {
    const values = options(["email", "name", "role"], ["renew"]);
    const name = typeof values.name === "string" ? values.name.trim() : "";
    if (name.length < 2) fail("Indiquez le nom avec --name (prénom et nom).");
    const role = values.role as StaffRole;
    if (!STAFF_ROLES.includes(role))
      fail("Indiquez le rôle avec --role conseiller ou --role superviseur.");
    const created = await createStaff(ctx, {
      email: email(values.email),
      name,
      role,
      renew: values.renew === true,
    });
    console.log(
      `Compte ${role} ${values.renew ? "renouvelé" : "créé"}. Lien d'enrôlement (valable 24 h, une seule fois) à transmettre à ${name} :\n${created.url}`,
    );
  } else {
    const values = options(["email"]);
    const unlocked = await unlockStaffAccount(ctx, email(values.email));
    console.log(unlocked ? "Compte débloqué." : "Ce compte n'était pas bloqué.");
  }
} catch (error) {
  if (error instanceof AppError) fail(error.message);
  throw error;
} finally {
  await db.close();
}
