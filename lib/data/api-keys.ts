import "server-only";
// API keys bound to a person, for the HTTP API and the CLI. A key is shown
// once when created; only its SHA-256 is stored.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db";
import { nowMs } from "../clock";
import { UserError } from "../errors";
import { isValidUserName } from "../domain/identity";

const PREFIX = "fdk_";
const hashOf = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

export async function createApiKey(db: Db, user: string): Promise<{ key: string; prefix: string }> {
  if (!isValidUserName(user)) throw new UserError("bad_request", `"${user}" is not a user name: use letters, digits and . _ @ + - only.`);
  const key = `${PREFIX}${randomBytes(24).toString("base64url")}`;
  const prefix = key.slice(0, PREFIX.length + 6);
  await db.apiKey.create({ data: { userName: user, hash: hashOf(key), prefix, createdTs: nowMs() } });
  return { key, prefix };
}

/** Revokes a key given whole or by its prefix (as `keys list` shows it); answers how many were revoked. */
export async function revokeApiKey(db: Db, keyOrPrefix: string): Promise<number> {
  const where = keyOrPrefix.length > PREFIX.length + 6 ? { hash: hashOf(keyOrPrefix) } : { prefix: keyOrPrefix };
  const { count } = await db.apiKey.updateMany({ where: { ...where, revokedTs: null }, data: { revokedTs: nowMs() } });
  return count;
}

export async function listApiKeys(db: Db) {
  return db.apiKey.findMany({ orderBy: { id: "asc" }, select: { userName: true, prefix: true, createdTs: true, revokedTs: true } });
}

/** The person a key is bound to, or null for an unknown or revoked key. */
export async function userOfApiKey(db: Db, key: string): Promise<string | null> {
  if (key.length > 200) return null;
  const found = await db.apiKey.findUnique({ where: { hash: hashOf(key) }, select: { userName: true, revokedTs: true } });
  return found && found.revokedTs === null ? found.userName : null;
}
