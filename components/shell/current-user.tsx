import { currentIdentity } from "@/lib/session";
import { isUserError } from "@/lib/errors";
import { UserSwitcher } from "./user-switcher";

export async function CurrentUser() {
  try {
    const { user, canSwitch } = await currentIdentity();
    return <UserSwitcher user={user} canSwitch={canSwitch} />;
  } catch (e) {
    if (isUserError(e)) return <span className="text-sm text-rose-700 dark:text-rose-300">{e.message}</span>;
    throw e;
  }
}
