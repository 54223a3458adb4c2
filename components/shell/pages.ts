// The dashboard's pages, in the order the header's navigation and the command palette list them.
export const PAGES = [
  { href: "/", label: "Runs" },
  { href: "/flows", label: "Flows" },
  { href: "/namespaces", label: "Namespaces" },
  { href: "/views", label: "Views" },
  { href: "/production", label: "Production" },
  { href: "/audit", label: "Audit" },
] as const;
