/** The only file that listens on a port. */
import { loadConfig } from "./env";
import { exitOnConfigError } from "./main-support";
import { startServer } from "./server";

const config = exitOnConfigError(loadConfig);
const running = await startServer(config);
console.log(`Identifiant MGEN Connect : ${running.url}`);
if (running.catcher)
  console.log(`Boîte de réception de développement : ${running.url}/dev/mailbox`);

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
