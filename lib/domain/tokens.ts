// Production tokens: random and not guessable (Metaflow's own are predictable).
import { productionNamespace } from "./namespace";

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

export function generateProductionToken(flowName: string, bytes = 16): string {
  const random = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(random);
  const body = Array.from(random, (b) => ALPHABET[b % ALPHABET.length]).join("");
  return `${flowName
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .slice(0, 20)}-${body}`;
}

export function tokenNamespace(token: string): string {
  return productionNamespace(token);
}

/** Constant-time comparison so a wrong token reveals nothing by timing. */
export function tokensMatch(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
