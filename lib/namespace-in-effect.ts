import "server-only";
// The namespace a request is looking at: `?namespace=` wins, then the
// person's remembered choice, then their own user:<name>
// (lib/domain/identity.ts namespaceInEffect). Throws a 400 UserError for a
// malformed namespace.
import type { Db } from "./db";
import { namespaceInEffect } from "./domain/identity";
import { formatNamespace, parseNamespace, type Namespace } from "./domain/namespace";
import { getNamespacePreference } from "./data/preferences";
import { currentIdentity } from "./session";
import { isUserError } from "./errors";

export type NamespaceContext = {
  user: string;
  namespace: Namespace;
  name: string;
  fromUrl: boolean;
  /** Neither the URL nor a remembered choice named it: it is the person's own. */
  isDefault: boolean;
  /** Flowdeck only guessed who this is (from the server's OS user). */
  guessedUser: boolean;
};

export async function namespaceForRequest(db: Db, urlValue: string | null | undefined): Promise<NamespaceContext> {
  const { user, source } = await currentIdentity();
  const fromUrl = !!urlValue?.trim();
  const remembered = fromUrl ? null : await getNamespacePreference(db, user);
  const namespace = parseNamespace(namespaceInEffect(urlValue, remembered, user));
  return { user, namespace, name: formatNamespace(namespace), fromUrl, isDefault: !fromUrl && !remembered, guessedUser: source === "os" };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** For pages: the namespace in effect, or the message to show instead of the page. */
export async function namespaceForPage(db: Db, searchParams: SearchParams): Promise<NamespaceContext | { error: string }> {
  const raw = searchParams.namespace;
  try {
    return await namespaceForRequest(db, Array.isArray(raw) ? raw[0] : raw);
  } catch (e) {
    if (isUserError(e) && e.code === "bad_request") return { error: e.message };
    throw e;
  }
}
