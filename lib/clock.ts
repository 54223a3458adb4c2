// The time writes are stamped with. Normally the wall clock; the demo loader
// records its story "in the past" by running writes inside atTime().
import { AsyncLocalStorage } from "node:async_hooks";

const override = new AsyncLocalStorage<number>();

export function nowMs(): number {
  return override.getStore() ?? Date.now();
}

export function atTime<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  return override.run(ms, fn);
}
