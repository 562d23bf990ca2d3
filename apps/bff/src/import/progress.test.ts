import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createProgress } from "./progress";

describe("the import's progress", () => {
  it("off a terminal, writes one line every 10 seconds: stage, rows, rate and time left", () => {
    let now = 0;
    const lines: string[] = [];
    // French figures: thousands apart with a narrow no-break space.
    const write = (text: string) => lines.push(text.replaceAll("\u202f", " "));
    const progress = createProgress("espaces", { tty: false, write, now: () => now });
    for (let second = 1; second <= 25; second++) {
      now = second * 1000;
      progress.update({ stage: "reading", done: second * 4, total: 100, rows: second * 50_000 });
    }
    expect(lines).toEqual([
      "espaces — lecture : 500 000 lignes (40 %), 50 000 lignes/s, reste 15 s\n",
      "espaces — lecture : 1 000 000 lignes (80 %), 50 000 lignes/s, reste 5 s\n",
    ]);
    // The writing stage counts from its own start.
    now = 30_000;
    progress.update({ stage: "writing", done: 0, total: 1_250_000, rows: 1_250_000 });
    now = 40_000;
    progress.update({ stage: "writing", done: 500_000, total: 1_250_000, rows: 1_250_000 });
    expect(lines.at(-1)).toBe(
      "espaces — écriture : 500 000 lignes (40 %), 50 000 lignes/s, reste 15 s\n",
    );
  });

  it("on a terminal, draws a bar with the same figures", () => {
    const stream = new PassThrough();
    let drawn = "";
    stream.on("data", (chunk) => {
      drawn += chunk.toString().replaceAll("\u202f", " ");
    });
    let now = 0;
    const progress = createProgress("identities", {
      tty: true,
      write: () => {},
      now: () => now,
      stream,
    });
    now = 2000;
    progress.update({ stage: "reading", done: 50, total: 100, rows: 20_000 });
    progress.stop();
    expect(drawn).toContain("identities lecture");
    expect(drawn).toContain("50 %");
    expect(drawn).toContain("20 000 lignes | 10 000 lignes/s | reste 2 s");
  });
});
