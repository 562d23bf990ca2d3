import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { TEST_ARGON2 } from "../test/harness";
import { createHasher } from "./crypto";

describe("the hasher under a wave of sign-ins", () => {
  it("computes at most `concurrency` hashes at once and queues the rest", async () => {
    const hasher = await createHasher(TEST_ARGON2, { concurrency: 2 });
    const stored = await hasher.hash("Demo-Espace-2026");
    const wave = Array.from({ length: 8 }, (_, i) =>
      hasher.verify(stored, i % 2 === 0 ? "Demo-Espace-2026" : "pas-le-bon"),
    );
    // p-limit starts a task a microtask after it is queued.
    await Promise.resolve();
    expect(hasher.load()).toEqual({ hashing: 2, waiting: 6 });
    const results = await Promise.all(wave);
    expect(results).toEqual([true, false, true, false, true, false, true, false]);
    expect(hasher.load()).toEqual({ hashing: 0, waiting: 0 });
  });

  it("takes one per core by default", async () => {
    const hasher = await createHasher(TEST_ARGON2);
    const stored = await hasher.hash("x");
    const wave = Array.from({ length: 64 }, () => hasher.verify(stored, "x"));
    await Promise.resolve();
    expect(hasher.load().hashing).toBe(availableParallelism());
    await Promise.all(wave);
  });
});
