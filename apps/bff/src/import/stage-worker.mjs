// The worker's entry: worker threads do not inherit tsx's loader, so it is registered here
// before the TypeScript module is imported (the same tsx that runs the command).
import { tsImport } from "tsx/esm/api";

await tsImport("./stage-worker.ts", import.meta.url);
