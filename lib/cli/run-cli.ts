// Runs a command-line entry point: expected errors print one sentence and exit 1.
import { isUserError } from "../errors";

export function runCli(main: () => Promise<void>) {
  main().then(
    () => process.exit(0),
    (e) => {
      if (isUserError(e)) console.error(`Flowdeck: ${e.message}`);
      else console.error(e);
      process.exit(1);
    },
  );
}
