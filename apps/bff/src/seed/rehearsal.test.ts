import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../test/harness";
import { parisMidnight, rehearse } from "./rehearsal";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe("a migration rehearsal", () => {
  it("migrates part of the generated Espaces by every path, its counters exact", async () => {
    t = await createTestApp({ seed: false });
    const end = parisMidnight("2026-11-26") + 20 * 3_600_000; // a Thursday, 20:00 in Paris
    const result = await rehearse({ db: t.db, config: t.config, members: 1500, days: 10, end });

    expect(result.counters.differences).toEqual([]);
    expect(result.espaces).toBe(1500 + 11); // and the demo's
    const { funnel } = result;
    expect(funnel.daily.map((d) => d.date)).toEqual(
      Array.from({ length: 10 }, (_, i) => `2026-11-${String(17 + i).padStart(2, "0")}`),
    );
    for (const path of ["contact_email", "other_address", "link"] as const) {
      expect(funnel.migratedBy[path], path).toBeGreaterThan(0);
    }
    for (const state of ["not_started", "wizard_started", "validation_pending"] as const) {
      expect(funnel.states[state], state).toBeGreaterThan(0);
    }
    expect(funnel.states.migrated / funnel.total).toBeGreaterThan(0.05);
    // Started every day, more in the second half of the rehearsal than in the first.
    const started = funnel.daily.map((d) => d.started);
    const half = (from: number, to: number) => started.slice(from, to).reduce((a, b) => a + b, 0);
    expect(started.every((n) => n > 0)).toBe(true);
    expect(half(5, 10)).toBeGreaterThan(half(0, 5));
    expect(funnel.projection95).not.toBeNull();
  }, 60_000);

  it("starts each calendar day at midnight in Paris, summer and winter", () => {
    expect(new Date(parisMidnight("2026-07-14")).toISOString()).toBe("2026-07-13T22:00:00.000Z");
    expect(new Date(parisMidnight("2026-12-01")).toISOString()).toBe("2026-11-30T23:00:00.000Z");
  });
});
