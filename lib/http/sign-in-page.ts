// The page a browser gets in proxy mode when the proxy did not say who is
// asking: usually Flowdeck reached directly, bypassing the proxy.
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function signInRequiredPage(headerName: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign-in required · Flowdeck</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1>Sign-in required</h1>
<p>This Flowdeck takes who you are from the sign-in proxy in front of it, and this request did not come through it
(the <code>${escape(headerName)}</code> header is missing or not a user name).</p>
<p>Open Flowdeck through your organization's sign-in address, or ask whoever runs it which one that is.</p>
</body></html>
`;
}
