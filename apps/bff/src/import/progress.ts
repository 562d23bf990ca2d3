import cliProgress from "cli-progress";
import type { FileKind, Progress } from "./load";

/**
 * What `pnpm import:legacy` shows while it runs (OPERATIONS.md §1): on a terminal, a
 * progress bar (stage, rows, rows per second, time left, redrawn in place by cli-progress);
 * otherwise (a log, a CI job) one line every 10 seconds. Both on stderr: stdout keeps the
 * summary alone.
 */

export type ProgressOutput = {
  /** Whether the output is a terminal (a bar) or not (lines). */
  tty: boolean;
  write: (text: string) => void;
  now?: () => number;
  /** Between two lines when not on a terminal (10 s). */
  everyMs?: number;
  /** cli-progress's stream (the terminal, stderr). */
  stream?: NodeJS.WritableStream;
};

const STAGES = { reading: "lecture", writing: "écriture" } as const;

const figure = (n: number) => Math.round(n).toLocaleString("fr-FR");

export function createProgress(kind: FileKind, output: ProgressOutput) {
  const now = output.now ?? (() => performance.now());
  let stage: Progress["stage"] | null = null;
  let began = now();
  let last = began;

  const rateOf = (p: Progress) => {
    const seconds = (now() - began) / 1000;
    return seconds > 0 ? (p.stage === "reading" ? p.rows : p.done) / seconds : 0;
  };
  const leftOf = (p: Progress) => {
    const seconds = (now() - began) / 1000;
    return p.done > 0 ? ((p.total - p.done) / p.done) * seconds : 0;
  };

  if (output.tty) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${kind.padEnd(10)} {stage} [{bar}] {percentage} % | {rows} lignes | {rate} lignes/s | reste {left} s`,
        hideCursor: true,
        stream: output.stream ?? process.stderr,
        // The line is drawn whatever the stream says it is: the caller decided.
        noTTYOutput: true,
        notTTYSchedule: 1000,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(p: Progress) {
        if (p.stage !== stage) {
          // Each stage's rate and time left count from its own start (reading from creation).
          if (stage !== null) began = now();
          stage = p.stage;
          if (started) bar.setTotal(p.total);
        }
        const payload = {
          stage: STAGES[p.stage].padEnd(8),
          rows: figure(p.rows),
          rate: figure(rateOf(p)),
          left: figure(leftOf(p)),
        };
        if (!started) {
          bar.start(p.total, p.done, payload);
          started = true;
        } else bar.update(p.done, payload);
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }

  const everyMs = output.everyMs ?? 10_000;
  return {
    update(p: Progress) {
      if (p.stage !== stage) {
        if (stage !== null) began = now();
        stage = p.stage;
      }
      const at = now();
      if (at - last < everyMs) return;
      last = at;
      const percent = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 100;
      output.write(
        `${kind} — ${STAGES[p.stage]} : ${figure(p.stage === "reading" ? p.rows : p.done)} lignes (${percent} %), ` +
          `${figure(rateOf(p))} lignes/s, reste ${figure(leftOf(p))} s\n`,
      );
    },
    stop() {},
  };
}
