import "server-only";
// The request being answered, for code the custom server (lib/server) runs
// outside Next's request scope, where next/headers cannot tell: lib/session.ts
// reads the identity from here first.
import { AsyncLocalStorage } from "node:async_hooks";

const scope = new AsyncLocalStorage<Headers>();

export const withRequestHeaders = <T>(headers: Headers, fn: () => T): T => scope.run(headers, fn);

export const requestHeadersInScope = (): Headers | undefined => scope.getStore();
