// How many metadata API requests the server starts per turn of the event
// loop; the rest start on the next turns, in arrival order. Fifty Metaflow
// tasks writing without pause would otherwise all be worked on in the turn
// their requests arrive in, and a dashboard page, whose rendering waits for a
// turn at every step (setImmediate), would wait behind all of them at each
// one. A few per turn keep a core busy with writes just as well.
// FLOWDECK_METADATA_PER_TURN sets the number (4; 0 for no limit).
const DEFAULT = 4;

export function metadataPerTurn(value = process.env.FLOWDECK_METADATA_PER_TURN): number {
  if (value === undefined || value.trim() === "") return DEFAULT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`FLOWDECK_METADATA_PER_TURN must be a whole number ≥ 0 (0: no limit), not "${value}".`);
  return n === 0 ? Infinity : n;
}

/** Runs each request's work when its turn comes. */
export function metadataAdmission(perTurn = metadataPerTurn()): <T>(work: () => Promise<T>) => Promise<T> {
  if (perTurn === Infinity) return (work) => work();
  const waiting: (() => void)[] = [];
  let started = 0;
  let nextTurn = false;
  let allowed = perTurn;
  let turnStart = performance.now();
  const pump = () => {
    while (waiting.length && started < allowed) {
      started++;
      waiting.shift()!();
    }
    if (started > 0 || waiting.length) awaitNextTurn();
  };
  const awaitNextTurn = () => {
    if (nextTurn) return;
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
  };
  return <T>(work: () => Promise<T>) => {
    // Nobody waiting and room in this turn: start now, without a promise and closures around the work.
    if (!waiting.length && started < allowed) {
      started++;
      awaitNextTurn();
      try {
        return work();
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return new Promise<T>((resolve, reject) => {
      waiting.push(() => work().then(resolve, reject));
      pump();
    });
  };
}
