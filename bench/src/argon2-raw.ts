/**
 * Raw argon2id verification rate of @node-rs/argon2 with the app's parameters, in a bare
 * process: `tsx argon2-raw.ts <concurrency> <seconds>`; prints one JSON line, with the
 * CPU time the process spent per verification.
 */
import { hash, verify } from "@node-rs/argon2";

const concurrency = Number(process.argv[2] ?? 4);
const seconds = Number(process.argv[3] ?? 10);
const password = "Demo-Espace-2026";
const hashed = await hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });

// Warm-up, as the app's own start hashes its decoy.
await Promise.all(Array.from({ length: concurrency }, () => verify(hashed, password)));
let done = 0;
const cpu = process.cpuUsage();
const start = performance.now();
const end = start + seconds * 1000;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      if (!(await verify(hashed, password))) throw new Error("verify returned false");
      done++;
    }
  }),
);
const elapsed = (performance.now() - start) / 1000;
// CPU of every thread of the process (the hashing ones above all), per verification.
const used = process.cpuUsage(cpu);
console.log(
  JSON.stringify({
    verifications: done,
    seconds: elapsed,
    perSecond: done / elapsed,
    cpuMsPerVerification: (used.user + used.system) / 1000 / done,
  }),
);
