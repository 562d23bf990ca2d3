import { normalizeNir, normalizeSecretAnswer, SECRET_QUESTIONS } from "@mgen/contracts";
import type { Engine } from "../db/engine";
import { visibleNir } from "../domain/accounts";
import type { Hasher } from "../domain/crypto";
import { rebuildCounters } from "../domain/funnel";
import type { Keys } from "../domain/keys";
import { MAX_FAILED_ATTEMPTS } from "../domain/locks";
import { insertIdentity, insertMember } from "../store/accounts";
import { wipeAccounts } from "../store/cleanup";

/** SPEC "Demo data": every situation a member can be in, one member each. */
export const DEMO_ESPACE_PASSWORD = "Demo-Espace-2026";
export const DEMO_CONNECT_PASSWORD = "Demo-Connect-2026";
export const DEMO_SECRET_ANSWER = "Médor";

type DemoIdentity = {
  email: string;
  validated: boolean;
  locked?: boolean;
  secretQuestion?: boolean;
};

type DemoMember = {
  firstName: string;
  lastName: string;
  nir: string;
  birthDate: string;
  contactEmail: string | null;
  noPassword?: boolean;
  locked?: boolean;
  /** Email of the identity this Espace has migrated to. */
  migratedTo?: string;
};

export const DEMO_IDENTITIES: DemoIdentity[] = [
  { email: "jean.martin@example.fr", validated: true },
  { email: "famille.bernard@example.fr", validated: true, secretQuestion: true },
  { email: "luc.robert@example.fr", validated: true, secretQuestion: true },
  { email: "emma.richard@example.fr", validated: false },
  { email: "hugo.durand@example.fr", validated: true, locked: true },
];

export const DEMO_MEMBERS: DemoMember[] = [
  {
    firstName: "Marie",
    lastName: "Dupont",
    nir: "2 90 08 69 123 045 11",
    birthDate: "1990-08-15",
    contactEmail: "marie.dupont@example.fr",
  },
  {
    firstName: "Jean",
    lastName: "Martin",
    nir: "1 84 05 75 056 082 81",
    birthDate: "1984-05-12",
    contactEmail: "jean.martin@example.fr",
  },
  {
    firstName: "Sophie",
    lastName: "Bernard",
    nir: "2 85 03 31 555 001 23",
    birthDate: "1985-03-02",
    contactEmail: "famille.bernard@example.fr",
  },
  {
    firstName: "Marc",
    lastName: "Bernard",
    nir: "1 83 02 31 555 002 57",
    birthDate: "1983-02-20",
    contactEmail: "famille.bernard@example.fr",
    migratedTo: "famille.bernard@example.fr",
  },
  {
    firstName: "Paul",
    lastName: "Petit",
    nir: "1 75 12 13 055 123 66",
    birthDate: "1975-12-24",
    contactEmail: "paul.petit@example.fr",
    locked: true,
  },
  {
    firstName: "Claire",
    lastName: "Moreau",
    nir: "2 66 09 99 350 012 18",
    birthDate: "1966-09-30",
    contactEmail: "claire.moreau@example.fr",
    noPassword: true,
  },
  {
    firstName: "Luc",
    lastName: "Robert",
    nir: "1 78 02 44 109 087 54",
    birthDate: "1978-02-05",
    contactEmail: "luc.robert@example.fr",
    migratedTo: "luc.robert@example.fr",
  },
  {
    firstName: "Emma",
    lastName: "Richard",
    nir: "2 92 07 67 482 021 69",
    birthDate: "1992-07-19",
    contactEmail: "emma.richard@example.fr",
  },
  {
    firstName: "Hugo",
    lastName: "Durand",
    nir: "1 88 04 59 350 012 87",
    birthDate: "1988-04-01",
    contactEmail: "hugo.durand@example.fr",
  },
  {
    firstName: "Léa",
    lastName: "Lefebvre",
    nir: "2 71 12 35 238 012 59",
    birthDate: "1971-12-08",
    contactEmail: null,
  },
  {
    firstName: "Antoine",
    lastName: "Leca",
    nir: "1 85 02 2A 004 025 09",
    birthDate: "1985-02-14",
    contactEmail: "antoine.leca@example.fr",
  },
];

/** When the demo's migrated Espaces moved to their email identifier. */
const DEMO_MIGRATED_AT = Date.UTC(2026, 2, 2, 9, 30);

/**
 * Erases every account, session, link, device record and queued email, then loads the
 * demo data, in one transaction. Security events stay (append-only).
 */
export async function seedDemoData(
  db: Engine,
  options: { hasher: Hasher; keys: Pick<Keys, "nir">; now?: number | (() => number) },
): Promise<void> {
  const { hasher, keys } = options;
  const now = typeof options.now === "function" ? options.now() : (options.now ?? Date.now());
  // Hashes first (slow, off the event loop), then one transaction for every row.
  const identityRows = await Promise.all(
    DEMO_IDENTITIES.map(async (identity) => ({
      email: identity.email,
      passwordHash: await hasher.hash(DEMO_CONNECT_PASSWORD),
      secretQuestionId: identity.secretQuestion ? (SECRET_QUESTIONS[0]?.id ?? null) : null,
      secretAnswerHash: identity.secretQuestion
        ? await hasher.hash(normalizeSecretAnswer(DEMO_SECRET_ANSWER))
        : null,
      validatedAt: identity.validated ? DEMO_MIGRATED_AT : null,
      failedAttempts: identity.locked ? MAX_FAILED_ATTEMPTS : 0,
      lockedAt: identity.locked ? now : null,
      createdAt: DEMO_MIGRATED_AT,
    })),
  );
  const memberRows = await Promise.all(
    DEMO_MEMBERS.map(async (member) => ({
      member,
      passwordHash: member.noPassword ? null : await hasher.hash(DEMO_ESPACE_PASSWORD),
    })),
  );

  await db.transaction(async (tx) => {
    await wipeAccounts(tx);
    const identityIds = new Map<string, number>();
    for (const row of identityRows) identityIds.set(row.email, await insertIdentity(tx, row));
    for (const { member, passwordHash } of memberRows) {
      const normalised = normalizeNir(member.nir);
      const nir = keys.nir.hash(normalised);
      const identityId = member.migratedTo ? (identityIds.get(member.migratedTo) ?? null) : null;
      await insertMember(tx, {
        nirHash: nir.digest,
        nirKeyId: nir.keyId,
        birthDate: member.birthDate,
        firstName: member.firstName,
        lastName: member.lastName,
        contactEmail: member.contactEmail,
        passwordHash,
        failedAttempts: member.locked ? MAX_FAILED_ATTEMPTS : 0,
        lockedAt: member.locked ? now : null,
        identityId,
        migratedAt: identityId === null ? null : DEMO_MIGRATED_AT,
        migratedBy:
          identityId === null
            ? null
            : member.migratedTo === member.contactEmail
              ? "contact_email"
              : "other_address",
        wizardStartedAt: identityId === null ? null : DEMO_MIGRATED_AT,
        createdAt: now,
        nirVisible: visibleNir(normalised),
      });
    }
    // The cockpit counts the demo Espaces as they are (no history: nothing happened yet).
    await rebuildCounters(tx);
  });
}
