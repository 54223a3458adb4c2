// How many metadata API requests the server starts per turn of the event
// loop; the rest start on the next turns, in arrival order. Fifty Metaflow
// tasks writing without pause would otherwise all be worked on in the turn
// their requests arrive in, and a dashboard page, whose rendering waits for a
// turn at every step (setImmediate), would wait behind all of them at each
// one. A few per turn keep a core busy with writes just as well.
// FLOWDECK_METADATA_PER_TURN sets the number (4; 0 for no limit).
//
// And how many may be unfinished at once. On PostgreSQL each holds a pool
// connection for its statement: fifty writers would fill the pool's queue,
// and every query of a page (several, one after another) would wait behind
// them. So on PostgreSQL at most half the pool's connections serve the
// metadata API, and pages find one free; a few statements in flight keep the
// database as busy with writes as fifty do. On SQLite there is no pool, and
// no limit. FLOWDECK_METADATA_IN_FLIGHT sets it (0 for no limit).
const DEFAULT = 4;

function wholeNumber(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0 (0: no limit), not "${value}".`);
  return n === 0 ? Infinity : n;
}

export function metadataPerTurn(value = process.env.FLOWDECK_METADATA_PER_TURN): number {
  if (value === undefined || value.trim() === "") return DEFAULT;
  return wholeNumber("FLOWDECK_METADATA_PER_TURN", value);
}

export function metadataInFlight(database: "sqlite" | "postgresql", poolSize: number, value = process.env.FLOWDECK_METADATA_IN_FLIGHT): number {
  if (value !== undefined && value.trim() !== "") return wholeNumber("FLOWDECK_METADATA_IN_FLIGHT", value);
  return database === "postgresql" ? Math.max(1, Math.floor(poolSize / 2)) : Infinity;
}

/** Runs each request's work when its turn comes, with at most `inFlight` of them unfinished. */
export function metadataAdmission(perTurn = metadataPerTurn(), inFlight = Infinity): <T>(work: () => Promise<T>) => Promise<T> {
  if (perTurn === Infinity && inFlight === Infinity) return (work) => work();
  const waiting: (() => void)[] = [];
  let started = 0;
  let running = 0;
  let nextTurn = false;
  let allowed = perTurn;
  let turnStart = performance.now();
  const pump = () => {
    while (waiting.length && started < allowed && running < inFlight) {
      started++;
      running++;
      waiting.shift()!();
    }
    if (!nextTurn && (started > 0 || waiting.length)) {
      nextTurn = true;
      setImmediate(() => {
        // A long turn (pages rendering without pause) lets more writes start in the next one: writes
        // are never starved, at least one start per millisecond the last turn took.
        const now = performance.now();
        allowed = Math.max(perTurn, Math.ceil(now - turnStart));
        turnStart = now;
        nextTurn = false;
        started = 0;
        pump();
      });
    }
  };
  return <T>(work: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const finished = () => {
        running--;
        pump();
      };
      waiting.push(() =>
        work().then(
          (value) => (finished(), resolve(value)),
          (e) => (finished(), reject(e)),
        ),
      );
      pump();
    });
}
