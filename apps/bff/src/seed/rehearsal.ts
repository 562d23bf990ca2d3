import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { normalizeSecretAnswer, SECRET_QUESTIONS } from "@mgen/contracts";
import { tokenFromFragment } from "@mgen/contracts/rules";
import pino from "pino";
import { type Config, OWASP_ARGON2 } from "../config";
import type { Engine } from "../db/engine";
import { memberAccount } from "../domain/accounts";
import { addressStatus, requireNotTaken } from "../domain/addresses";
import { cleanUp } from "../domain/cleanup";
import { type Caller, type DomainContext, inTransaction, SYSTEM_CALLER } from "../domain/context";
import { createHasher, type Hasher } from "../domain/crypto";
import { AppError } from "../domain/errors";
import {
  addDays,
  type CounterDifference,
  checkCounters,
  countDropOff,
  type FunnelFact,
  parisDay,
  readFunnel,
  startWizard,
  stuckMembers,
} from "../domain/funnel";
import { createKeys } from "../domain/keys";
import { completeLegacyReset, sendLegacyResetLink } from "../domain/legacy-reset";
import { attemptFailed, attemptSucceeded, reserveAttempt } from "../domain/locks";
import { completeMigration, migrationTransaction } from "../domain/migration";
import { notify } from "../domain/notifications";
import { confirmValidation, requestValidation } from "../domain/pending-validation";
import { recordEvent } from "../domain/security-events";
import { importFile } from "../import/load";
import {
  buildHashPools,
  createExport,
  DEFAULT_SEED,
  planExport,
  Rng,
  slugOf,
  writeChunks,
} from "../import/synthetic";
import { espaceLockedEmail } from "../mail/templates";
import { identityByEmail, insertIdentity, lockMember, memberById } from "../store/accounts";
import { claimDue, markSent } from "../store/outbox";
import { seedDemoData } from "./demo";
import { seedDemoStaff } from "./staff";

/**
 * A migration rehearsal's database (`pnpm --filter @mgen/bff rehearsal`): what the
 * cockpit (OPERATIONS.md §3) shows after `days` days of a real migration, for its
 * screenshot and for trying the console on realistic figures.
 *
 * 1. The demo data and the demo staff accounts (SPEC "Demo data", OPERATIONS.md §2),
 *    then `members` generated Espaces and their MGEN Connect directory, loaded by the
 *    real import (`pnpm generate:legacy`'s generator, `pnpm import:legacy`'s loader).
 * 2. `days` calendar days (Europe/Paris) up to now, run against the domain with a
 *    simulated clock: each day a growing share of the generated Espaces sign in by NIR
 *    (fewer at weekends); most migrate by one of the three paths, some stop on the way;
 *    a few lock their Espace and some of them reset their password; a few choose an
 *    address that is already taken, a few never open their validation link (the day's
 *    clean-up counts it expired). Every change goes through the domain functions that the
 *    routes call, so the cockpit's counters are kept exactly as in production; only the
 *    password checks are left out (argon2 by the thousand would take minutes): the
 *    simulated members always type the right password, or the wrong one on purpose.
 * 3. The counters are recounted from the data (`checkCounters`): no difference expected.
 *
 * The demo members take no part: they stay as SPEC.md describes them. A refusal the
 * simulation did not plan for stops it: its model of the members would be wrong. The
 * same seed and the same keys give the same rehearsal (up to the hour it ends at); new
 * keys order the imported Espaces differently, hence other members and slightly other
 * figures.
 */

/** Every password and secret answer a simulated member chooses (hashed once). */
export const REHEARSAL_PASSWORD = "Girafe bleue sous la pluie d'automne";
const REHEARSAL_ANSWER = "Le Petit Prince";
/** The cheap argon2id of the tests: the simulated members' hashes are never checked. */
const CHEAP_ARGON2 = { memoryCost: 256, timeCost: 1, parallelism: 1 };

/** How the simulated members behave (shares of the Espaces concerned). */
const BEHAVIOUR = {
  /** Generated Espaces that sign in by NIR over the whole rehearsal (a 30-day one). */
  started: 0.34,
  /** Of those with a contact address free to take: keep it rather than choose another. */
  keepContact: 0.78,
  /** Stop at step 2 (the password), never to come back during the rehearsal. */
  stopAtSecurity: 0.06,
  /** Type a wrong password 5 times at the NIR sign-in: the Espace locks. */
  lockAtSignIn: 0.02,
  /** Of the locked Espaces (and those without password) with a contact address: reset it. */
  reset: 0.6,
  /** At step 1, first try an address that another Espace has as identifier. */
  takenAddress: 0.04,
  /** At step 1, choose an address that another member is validating too (one of them loses). */
  sameAddress: 0.015,
  /** Never open the validation link: it expires unopened. */
  neverOpen: 0.2,
  /** Linking: a wrong password of the identity first… */
  wrongLinkPassword: 0.12,
  /** …after which some give up. */
  giveUpAfterWrongPassword: 0.3,
  /** A refused link (identity not validated or locked): come back with another address. */
  otherAfterRefusedLink: 0.4,
} as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type RehearsalOptions = {
  /** A migrated, empty database (`prepareDatabase` without seeding). */
  db: Engine;
  config: Config;
  /** Generated Espaces, on top of the demo data's. */
  members: number;
  /** Calendar days of migration, the last one being today (up to `end`). */
  days: number;
  /** The rehearsal's last instant: now, by default. */
  end?: number;
  seed?: number;
  log?: (line: string) => void;
};

export type RehearsalResult = {
  espaces: number;
  migrated: number;
  tally: Record<string, number>;
  counters: { differences: CounterDifference[]; counters: number; espaces: number };
  funnel: Awaited<ReturnType<typeof readFunnel>>;
  timings: Record<"seed" | "import" | "simulation" | "check", number>;
};

/** The instant a calendar day (YYYY-MM-DD) starts in Europe/Paris. */
export function parisMidnight(day: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d);
  // Paris is one or two hours ahead of UTC: its midnight is 22:00 or 23:00 UTC the day before.
  for (const hours of [2, 1, 0]) {
    const t = utc - hours * HOUR;
    if (parisDay(t) === day) return t;
  }
  return utc;
}

/** A domain context for the rehearsal: the database, the configured keys, a clock it moves. */
function rehearsalContext(db: Engine, config: Config, hasher: Hasher, clock: { now: number }) {
  const ctx: DomainContext = {
    db,
    hasher,
    keys: createKeys(config),
    config,
    now: () => clock.now,
    logger: pino({ level: "silent" }),
    workQueued: () => {},
  };
  return ctx;
}

/**
 * The simulated members' hasher: every new password is `REHEARSAL_PASSWORD`, hashed once
 * beforehand; nothing is ever verified (the members' passwords are taken as typed right).
 */
function precomputedHasher(passwordHash: string): Hasher {
  const never = () => Promise.reject(new Error("the rehearsal checks no password"));
  return {
    hash: async () => passwordHash,
    verify: never,
    verifyNothing: never,
    needsRehash: () => false,
    load: () => ({ hashing: 0, waiting: 0 }),
  };
}

/** What the agenda runs: a member's next step, at its time. */
type Task = { at: number; order: number; run: () => Promise<void> };

/** The steps to come, earliest first (a binary heap; equal times in the order added). */
class Agenda {
  private readonly heap: Task[] = [];
  private added = 0;

  add(at: number, run: () => Promise<void>): void {
    const heap = this.heap;
    heap.push({ at, order: this.added++, run });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as Task, heap[parent] as Task)) break;
      [heap[i], heap[parent]] = [heap[parent] as Task, heap[i] as Task];
      i = parent;
    }
  }

  /** The earliest step due before `limit`, taken off the agenda. */
  takeBefore(limit: number): Task | undefined {
    const heap = this.heap;
    const first = heap[0];
    if (!first || first.at >= limit) return undefined;
    const last = heap.pop() as Task;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l] as Task, heap[m] as Task)) m = l;
        if (r < heap.length && before(heap[r] as Task, heap[m] as Task)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m] as Task, heap[i] as Task];
        i = m;
      }
    }
    return first;
  }

  get size(): number {
    return this.heap.length;
  }
}

function before(a: Task, b: Task): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}

/** A generated Espace as the simulation follows it. */
type Espace = {
  id: number;
  firstName: string;
  lastName: string;
  contactEmail: string | null;
  locked: boolean;
  noPassword: boolean;
};

/** Builds the rehearsal's database (see above) and says what it did. */
export async function rehearse(options: RehearsalOptions): Promise<RehearsalResult> {
  const { db, config, members, days } = options;
  const log = options.log ?? (() => {});
  const seed = options.seed ?? DEFAULT_SEED;
  const end = options.end ?? Date.now();
  const rng = new Rng(seed ^ 0x5eed);
  const timings = { seed: 0, import: 0, simulation: 0, check: 0 };
  const tally: Record<string, number> = {};
  const count = (what: string, n = 1) => {
    tally[what] = (tally[what] ?? 0) + n;
  };

  const firstDay = addDays(parisDay(end), -(days - 1));
  // The legacy base was loaded the evening before the first day.
  const loadedAt = parisMidnight(firstDay) - 6 * HOUR;
  const clock = { now: loadedAt };

  // 1. The demo data and staff (real argon2id: their passwords are typed in the browser),
  //    then the generated Espaces and identities through the real import.
  let started = performance.now();
  const seeding = {
    hasher: await createHasher(OWASP_ARGON2),
    keys: createKeys(config),
    now: loadedAt,
  };
  await seedDemoData(db, seeding);
  await seedDemoStaff(db, seeding);
  const [passwordHash, answerHash] = await Promise.all([
    createHasher(CHEAP_ARGON2).then((h) => h.hash(REHEARSAL_PASSWORD)),
    createHasher(CHEAP_ARGON2).then((h) => h.hash(normalizeSecretAnswer(REHEARSAL_ANSWER))),
  ]);
  const ctx = rehearsalContext(db, config, precomputedHasher(passwordHash), clock);
  const caller: Caller = SYSTEM_CALLER;
  const demoIds = new Set<number>();
  for (const state of ["not_started", "wizard_started", "validation_pending"] as const) {
    for await (const m of stuckMembers(ctx, state)) demoIds.add(m.id);
  }
  timings.seed = performance.now() - started;

  started = performance.now();
  const plan = planExport(members, { seed, badRows: 0 });
  const generated = createExport(plan, await buildHashPools(seed));
  const dir = mkdtempSync(join(tmpdir(), "mgen-rehearsal-"));
  try {
    const deps = { db, nirPepper: config.nirPepper, now: () => loadedAt };
    for (const kind of ["espaces", "identities"] as const) {
      const path = join(dir, `${kind}.csv`);
      await writeChunks(path, kind === "espaces" ? generated.espaces() : generated.identities());
      const imported = await importFile(kind, deps, path);
      log(
        `  import ${kind}.csv : ${imported.inserted} lignes chargées, ${imported.rejected} rejetées`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  timings.import = performance.now() - started;

  // The generated Espaces, in the order they will come (a seeded shuffle).
  started = performance.now();
  const locked = new Set<number>();
  const noPassword = new Set<number>();
  for await (const m of stuckMembers(ctx, "locked")) locked.add(m.id);
  for await (const m of stuckMembers(ctx, "no_password")) noPassword.add(m.id);
  const queue: Espace[] = [];
  for await (const m of stuckMembers(ctx, "not_started")) {
    if (demoIds.has(m.id)) continue;
    queue.push({
      id: m.id,
      firstName: m.firstName,
      lastName: m.lastName,
      contactEmail: m.contactEmail,
      locked: locked.has(m.id),
      noPassword: noPassword.has(m.id),
    });
  }
  for (let i = queue.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [queue[i], queue[j]] = [queue[j] as Espace, queue[i] as Espace];
  }
  const generatedCount = queue.length;

  // 2. The days.
  const agenda = new Agenda();
  /** Addresses being validated, and by whom: two members may choose the same one. */
  const pendingAddresses = new Map<string, number>();
  let lastPending: string | null = null;
  const later = (at: number, run: () => Promise<void>) => agenda.add(at, run);
  // Whole milliseconds: times are integers in the database.
  const between = (from: number, to: number) => Math.floor(from + rng.next() * (to - from));
  const chance = (share: number) => rng.next() < share;

  /** Delivers the emails due (as the dispatcher would) and hands back the links they carry. */
  async function deliver(): Promise<Array<{ to: string; page: string; token: string }>> {
    return db.transaction(async (tx) => {
      const links: Array<{ to: string; page: string; token: string }> = [];
      for (;;) {
        const due = await claimDue(tx, clock.now, config.outboxLeaseMs, 500);
        for (const mail of due) {
          for (const url of mail.textBody?.match(/https?:\/\/\S+#token=[\w-]+/g) ?? []) {
            const link = new URL(url);
            links.push({
              to: mail.recipient,
              page: link.pathname,
              token: tokenFromFragment(link.hash),
            });
          }
          await markSent(tx, mail.id, 1, clock.now);
        }
        if (due.length < 500) return links;
      }
    });
  }

  /** A refusal the wizard counts as a drop-off (its own transaction, as `countDropOff`). */
  async function dropOff(espace: Espace, fact: Extract<FunnelFact, `drop:${string}`>) {
    await countDropOff(ctx, fact, espace.id);
    count(fact);
  }

  /** The NIR sign-in with the right password: the wizard starts (signInWithNir, the check aside). */
  async function signIn(espace: Espace): Promise<boolean> {
    const account = memberAccount(espace.id);
    return inTransaction(ctx, async (tx) => {
      const reservation = await reserveAttempt(ctx, tx, account, null, clock.now);
      if (!reservation || !(await attemptSucceeded(tx, reservation, clock.now))) return false;
      await startWizard(ctx, tx, espace.id);
      await recordEvent(ctx, tx, caller, {
        event: "login.succeeded",
        channel: "nir",
        memberId: espace.id,
      });
      return true;
    });
  }

  /** A wrong password at the NIR sign-in; the fifth locks the Espace and tells its owner. */
  async function failSignIn(espace: Espace): Promise<void> {
    const account = memberAccount(espace.id);
    await inTransaction(ctx, async (tx) => {
      const reservation = await reserveAttempt(ctx, tx, account, null, clock.now);
      if (!reservation) return;
      const outcome = await attemptFailed(tx, reservation, clock.now);
      const failed = { channel: "nir", memberId: espace.id } as const;
      await recordEvent(ctx, tx, caller, { event: "login.failed", ...failed });
      if (!outcome.justLocked) return;
      await recordEvent(ctx, tx, caller, { event: "account.locked", ...failed });
      const to = espace.contactEmail;
      if (to) {
        await notify(ctx, tx, account, "lock", () =>
          espaceLockedEmail({ to, firstName: espace.firstName, publicUrl: config.publicUrl }),
        );
      }
    });
  }

  /** Forgotten password or unlock: the emailed link, opened, and a new password (journey D). */
  async function resetPassword(espace: Espace, kind: "forgot" | "unlock"): Promise<void> {
    const to = espace.contactEmail;
    if (!to) return;
    await inTransaction(ctx, async (tx) => {
      await lockMember(tx, espace.id);
      await sendLegacyResetLink(ctx, tx, caller, { ...espace, contactEmail: to }, kind, "nir");
    });
    const link = (await deliver()).find((l) => l.to === to && l.page === "/reinitialisation");
    if (!link) return;
    later(clock.now + between(3 * MINUTE, 50 * MINUTE), async () => {
      await completeLegacyReset(ctx, caller, link.token, REHEARSAL_PASSWORD);
      espace.locked = false;
      espace.noPassword = false;
      count("resets");
      later(clock.now + between(2 * MINUTE, 40 * MINUTE), () => arrive(espace));
    });
  }

  /** A member comes to the sign-in page with their NIR. */
  async function arrive(espace: Espace): Promise<void> {
    count("arrivals");
    if (espace.locked || espace.noPassword) {
      // Refused at the sign-in: some ask for the link that unlocks (or creates) a password.
      if (espace.contactEmail && chance(BEHAVIOUR.reset)) {
        await resetPassword(espace, espace.locked ? "unlock" : "forgot");
      }
      return;
    }
    if (chance(BEHAVIOUR.lockAtSignIn)) {
      for (let attempt = 0; attempt < 5; attempt++) {
        await failSignIn(espace);
        clock.now += between(10_000, MINUTE);
      }
      espace.locked = true;
      count("locks");
      if (espace.contactEmail && chance(BEHAVIOUR.reset)) {
        later(clock.now + between(20 * MINUTE, 2 * DAY), () => resetPassword(espace, "unlock"));
      }
      return;
    }
    if (!(await signIn(espace))) return;
    count("signed in");
    const next = clock.now + between(MINUTE, 8 * MINUTE);
    const contact = espace.contactEmail;
    const status = contact ? await addressStatus(db, contact) : null;
    if (contact && status === "identity") later(next, () => link(espace, contact));
    else if (contact && status === "taken") {
      await dropOff(espace, "drop:email_taken");
      later(next, () => otherAddress(espace));
    } else if (contact && chance(BEHAVIOUR.keepContact))
      later(next, () => keepContact(espace, contact));
    else later(next, () => otherAddress(espace));
  }

  /** Step 2 with the contact address: the identity is created validated, the migration completes. */
  async function keepContact(espace: Espace, email: string): Promise<void> {
    if (chance(BEHAVIOUR.stopAtSecurity)) {
      count("stopped at step 2");
      return;
    }
    await migrationTransaction(ctx, async (tx) => {
      const member = await lockMember(tx, espace.id);
      if (!member) throw new Error(`Espace ${espace.id} vanished`);
      const identityId = await insertIdentity(tx, {
        email,
        passwordHash,
        secretQuestionId: SECRET_QUESTIONS[0]?.id ?? null,
        secretAnswerHash: answerHash,
        validatedAt: clock.now,
        createdAt: clock.now,
      });
      await completeMigration(ctx, tx, caller, {
        member,
        identityId,
        email,
        path: "contact_email",
        channel: "nir",
      });
    });
    count("migrated: contact_email");
  }

  /** Step 2 "link": the existing identity at the contact address, its password typed. */
  async function link(espace: Espace, email: string): Promise<void> {
    const identity = await identityByEmail(db, email);
    if (!identity) return;
    const refused =
      identity.validatedAt === null
        ? "drop:link_refused_not_validated"
        : identity.lockedAt !== null
          ? "drop:link_refused_locked"
          : null;
    if (refused) {
      await dropOff(espace, refused);
      if (chance(BEHAVIOUR.otherAfterRefusedLink)) {
        later(clock.now + between(HOUR, 3 * DAY), () => otherAddress(espace));
      }
      return;
    }
    if (chance(BEHAVIOUR.wrongLinkPassword)) {
      await dropOff(espace, "drop:link_refused_wrong_password");
      if (chance(BEHAVIOUR.giveUpAfterWrongPassword)) return;
      clock.now += between(20_000, 3 * MINUTE);
    }
    await migrationTransaction(ctx, async (tx) => {
      const member = await lockMember(tx, espace.id);
      if (!member) throw new Error(`Espace ${espace.id} vanished`);
      await requireNotTaken(tx, email);
      await completeMigration(ctx, tx, caller, {
        member,
        identityId: identity.id,
        email,
        path: "link",
        channel: "email",
      });
    });
    count("migrated: link");
  }

  /** Steps 1 to 3 with another address: a validation link, opened later (or never). */
  async function otherAddress(espace: Espace): Promise<void> {
    if (chance(BEHAVIOUR.takenAddress)) {
      // Step 1 refuses an address that is already another Espace's identifier (chooseAddress).
      await dropOff(espace, "drop:email_taken");
      clock.now += between(30_000, 4 * MINUTE);
    }
    // A shared address is still free: both members are only validating it.
    const holder = lastPending === null ? undefined : pendingAddresses.get(lastPending);
    const shared = holder !== undefined && holder !== espace.id ? lastPending : null;
    const email =
      shared && chance(BEHAVIOUR.sameAddress)
        ? shared
        : `${slugOf(espace.firstName)}.${slugOf(espace.lastName)}.${espace.id}.${rng.int(100)}@perso.example.org`;
    const member = await memberById(db, espace.id);
    if (!member) return;
    await requestValidation(ctx, caller, member, {
      email,
      passwordHash,
      secretQuestionId: SECRET_QUESTIONS[0]?.id ?? "",
      secretAnswerHash: answerHash,
    });
    count("validation links sent");
    pendingAddresses.set(email, espace.id);
    lastPending = email;
    const sent = (await deliver()).find((l) => l.to === email && l.page === "/validation-email");
    if (!sent || chance(BEHAVIOUR.neverOpen)) return;
    // Most open it within the hour, some the next day (the link lasts 24 hours).
    const delay = chance(0.7) ? between(MINUTE, HOUR) : between(HOUR, 20 * HOUR);
    later(clock.now + delay, async () => {
      try {
        await confirmValidation(ctx, caller, sent.token, null);
        count("migrated: other_address");
      } catch (error) {
        // Another member validated that address first: back to step 1, another address.
        if (!(error instanceof AppError) || error.code !== "EMAIL_TAKEN") throw error;
        count("drop:email_taken");
        later(clock.now + between(HOUR, DAY), () => otherAddress(espace));
      } finally {
        if (pendingAddresses.get(email) === espace.id) pendingAddresses.delete(email);
      }
    });
  }

  // Arrivals rise day after day (a campaign that spreads by word of mouth), fewer at weekends.
  const weights = Array.from({ length: days }, (_, d) => {
    const weekday = new Date(`${addDays(firstDay, d)}T12:00:00Z`).getUTCDay();
    const weekend = weekday === 6 ? 0.55 : weekday === 0 ? 0.4 : 1;
    return (0.25 + (1.75 * d) / Math.max(1, days - 1)) * weekend;
  });
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const expected = (BEHAVIOUR.started * generatedCount * days) / 30;
  for (let d = 0; d < days; d++) {
    const day = addDays(firstDay, d);
    const dayStart = parisMidnight(day);
    const dayEnd = Math.min(parisMidnight(addDays(day, 1)), end);
    // Members come between 7:00 and 22:00; today, only until now.
    const open = dayStart + 7 * HOUR;
    const close = Math.min(dayStart + 22 * HOUR, dayEnd);
    const elapsed = Math.max(0, Math.min(1, (close - open) / (15 * HOUR)));
    const jitter = 0.9 + 0.2 * rng.next();
    const arrivals = Math.round(((expected * (weights[d] ?? 0)) / totalWeight) * elapsed * jitter);
    for (let i = 0; i < arrivals && queue.length > 0; i++) {
      const espace = queue.pop() as Espace;
      later(between(open, close), () => arrive(espace));
    }
    for (let task = agenda.takeBefore(dayEnd); task; task = agenda.takeBefore(dayEnd)) {
      clock.now = task.at;
      await task.run();
      await deliver();
    }
    clock.now = dayEnd;
    const cleaned = await cleanUp(ctx, dayEnd);
    count("drop:link_expired", cleaned.expiredUnopened);
  }
  timings.simulation = performance.now() - started;

  // 3. The counters, recounted from the data.
  started = performance.now();
  const counters = await checkCounters(ctx);
  timings.check = performance.now() - started;
  const funnel = await readFunnel({ db, now: () => end }, days);
  return {
    espaces: funnel.total,
    migrated: funnel.states.migrated,
    tally,
    counters,
    funnel,
    timings,
  };
}
