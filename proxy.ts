// Next runs this before every page and route; what it does is in lib/http/proxy.ts.
export { proxy } from "./lib/http/proxy";

export const config = {
  // Build output is immutable and carries no data; everything else passes here.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
