// The header's namespace switcher, with what the server knows: who you are
// and the namespace that applies when the URL names none.
import { Suspense } from "react";
import { getDb } from "@/lib/db";
import { namespaceInEffect } from "@/lib/domain/identity";
import { getNamespacePreference } from "@/lib/data/preferences";
import { isUserError } from "@/lib/errors";
import { currentUser } from "@/lib/session";
import { NamespaceSwitcher, NamespaceSwitcherPlaceholder } from "./namespace-switcher";

export async function NamespaceSlot() {
  let user: string;
  try {
    user = await currentUser();
  } catch (e) {
    if (isUserError(e)) return null; // no identity (proxy mode without its header): the page says why
    throw e;
  }
  const remembered = await getNamespacePreference(await getDb(), user);
  const fallback = namespaceInEffect(null, remembered, user);
  return (
    <Suspense fallback={<NamespaceSwitcherPlaceholder namespace={fallback} />}>
      <NamespaceSwitcher user={user} fallback={fallback} />
    </Suspense>
  );
}
