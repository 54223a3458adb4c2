import { currentIdentity } from "@/lib/session";
import { isUserError } from "@/lib/errors";
import { UserSwitcher } from "./user-switcher";

export async function CurrentUser() {
  let identity: Awaited<ReturnType<typeof currentIdentity>>;
  try {
    identity = await currentIdentity();
  } catch (e) {
    if (isUserError(e)) return <span className="text-sm text-rose-700 dark:text-rose-300">{e.message}</span>;
    throw e;
  }
  return <UserSwitcher user={identity.user} canSwitch={identity.canSwitch} />;
}
