// The choices of the namespace switcher, grouped: your own, Global, people,
// production deployments, tags in use as namespaces.
import type { ComboboxOption } from "@/components/ui/combobox";

export type NamespaceListItem = { name: string; kind: "user" | "production" | "tag"; runCount: number; lastActivityTs: number };

const PER_GROUP = 8;
const PER_GROUP_FILTERED = 25;

export function namespaceDisplay(name: string): string {
  return name === "global" ? "Global" : name;
}

const runs = (n: number) => `${n.toLocaleString("en")} run${n === 1 ? "" : "s"}`;

export function namespaceOptions(user: string, items: NamespaceListItem[], query: string): ComboboxOption[] {
  const q = query.trim().toLowerCase();
  const matches = (name: string) => !q || name.toLowerCase().includes(q);
  const limit = q ? PER_GROUP_FILTERED : PER_GROUP;
  const own = `user:${user}`;
  const ownCount = items.find((i) => i.name === own)?.runCount ?? 0;
  const out: ComboboxOption[] = [];
  if (matches(own)) out.push({ key: own, value: own, label: `${own} (you)`, hint: items.length ? runs(ownCount) : undefined, group: "Yours" });
  if (matches("global")) out.push({ key: "global", value: "global", label: "Global", hint: "every run", group: "All" });
  const groups: [NamespaceListItem["kind"], string][] = [
    ["user", "People"],
    ["production", "Production"],
    ["tag", "Tags"],
  ];
  for (const [kind, group] of groups) {
    const found = items.filter((i) => i.kind === kind && i.name !== own && matches(i.name)).slice(0, limit);
    for (const i of found) out.push({ key: i.name, value: i.name, label: i.name, hint: runs(i.runCount), group });
  }
  const typed = query.trim();
  if (typed && typed.toLowerCase() !== "global" && !out.some((o) => o.value === typed)) {
    out.push({ key: `typed:${typed}`, value: typed, label: `Use “${typed}”`, hint: "any tag", group: "Other" });
  }
  return out;
}
