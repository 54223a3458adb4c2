// What a request's URL may carry, checked before any route reads it: valid
// %-encoding (Next answers 500 to "%ff" in a path), and no NUL (PostgreSQL
// cannot store or compare it: a query would fail with a 500). Pure, shared by
// the custom server and the dashboard API's routes.

/** The path's segments, decoded; null when the %-encoding is not valid UTF-8. */
export function decodedSegments(pathname: string): string[] | null {
  try {
    return pathname.split("/").map((s) => (s.includes("%") ? decodeURIComponent(s) : s));
  } catch {
    return null;
  }
}

export const BAD_ENCODING = "The path is not valid percent-encoded UTF-8.";

/** A sentence saying what is wrong with the URL's text, or null. */
export function urlTextProblem(url: URL): string | null {
  const segments = decodedSegments(url.pathname);
  if (!segments) return BAD_ENCODING;
  if (segments.some((s) => s.includes("\u0000"))) return "The path must not contain NUL characters (\\u0000).";
  for (const [name, value] of url.searchParams) {
    if (name.includes("\u0000")) return "Query parameter names must not contain NUL characters (\\u0000).";
    if (value.includes("\u0000")) return `The query parameter ${name} must not contain NUL characters (\\u0000).`;
  }
  return null;
}
