import { parentPort, workerData } from "node:worker_threads";
import { type StageTask, stage } from "./stage";

/**
 * A worker thread running the first stage of an import for one part of a file (load.ts).
 * It tells its progress, then its result, to the thread that started it.
 */
const port = parentPort;
if (!port) throw new Error("stage-worker runs as a worker thread");
const result = await stage(workerData as StageTask, (bytes, rows) =>
  port.postMessage({ type: "progress", bytes, rows }),
);
port.postMessage({ type: "done", result });
