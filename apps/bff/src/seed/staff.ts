import type { StaffRole } from "@mgen/contracts/staff";
import type { Engine } from "../db/engine";
import type { Hasher } from "../domain/crypto";
import type { Keys } from "../domain/keys";
import { DEMO_STAFF_TOTP_SECRET } from "../domain/staff-auth";
import { anyStaff, deleteAllStaffSessions, upsertEnrolledStaff } from "../store/staff";

/** OPERATIONS.md §2, "Demo staff": development seed only, said in the README. */
export const DEMO_STAFF_PASSWORD = "Demo-Staff-2026";
export { DEMO_STAFF_TOTP_SECRET };
export const DEMO_STAFF: ReadonlyArray<{ email: string; name: string; role: StaffRole }> = [
  { email: "conseiller@mgen.example", name: "Camille Conseil", role: "conseiller" },
  { email: "superviseur@mgen.example", name: "Dominique Supervision", role: "superviseur" },
];

/** Creates (or resets) the two demo staff accounts, enrolled, and ends every staff session. */
export async function seedDemoStaff(
  db: Engine,
  options: { hasher: Hasher; keys: Pick<Keys, "staffTotp">; now?: number | (() => number) },
): Promise<void> {
  const now = typeof options.now === "function" ? options.now() : (options.now ?? Date.now());
  const passwordHash = await options.hasher.hash(DEMO_STAFF_PASSWORD);
  await db.transaction(async (tx) => {
    await deleteAllStaffSessions(tx);
    for (const staff of DEMO_STAFF) {
      await upsertEnrolledStaff(tx, {
        ...staff,
        passwordHash,
        totpSealed: options.keys.staffTotp.seal(DEMO_STAFF_TOTP_SECRET),
        now,
      });
    }
  });
}

/**
 * In development, a database without any staff account (one created before the console
 * existed) gets the demo staff at start, so that `pnpm start` always has them.
 */
export async function seedDemoStaffIfNone(
  db: Engine,
  options: { hasher: Hasher; keys: Pick<Keys, "staffTotp"> },
): Promise<boolean> {
  if (await anyStaff(db)) return false;
  await seedDemoStaff(db, options);
  return true;
}
