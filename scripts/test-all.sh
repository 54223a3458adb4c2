#!/usr/bin/env bash
# npm test: type check, lint, formatting, unit, integration (SQLite + a throwaway PostgreSQL) and
# end-to-end (Debian's Chromium) tests, stopping at the first failure.
# As root it installs what is missing (chromium, postgresql) from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

section() { printf '\n==== %s ====\n' "$*"; }
die() { printf 'Flowdeck tests: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

apt_updated=0
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ "$apt_updated" -eq 0 ]; then apt-get update -q; apt_updated=1; fi
  apt-get install -y -q "$@"
}

section "Checking prerequisites"
chromium="${PLAYWRIGHT_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if is_root && [ "$chromium" = /usr/bin/chromium ]; then
    echo "Installing Debian's chromium for the end-to-end tests…"
    apt_install chromium
  else
    die "Chromium not found at $chromium: install it (apt-get install -y chromium) or set PLAYWRIGHT_CHROMIUM."
  fi
fi

if [ -z "${FLOWDECK_PG_BIN:-}" ] && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  if is_root; then
    echo "Installing Debian's postgresql server binaries for the integration tests…"
    apt_install postgresql
    # The tests start clusters of their own: stop the package's default one.
    if command -v pg_lsclusters >/dev/null; then
      pg_lsclusters -h | while read -r version cluster _; do
        pg_ctlcluster --force "$version" "$cluster" stop 2>/dev/null || true
      done
    fi
  else
    die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: install them (apt-get install -y postgresql) or set FLOWDECK_PG_BIN."
  fi
fi
if is_root && ! id postgres >/dev/null 2>&1; then
  die "the postgres system user is missing: PostgreSQL refuses to run as root, so the tests run it as postgres (apt-get install -y postgresql creates it)."
fi

if [ ! -d node_modules ]; then
  if [ -f package-lock.json ]; then npm ci; else npm install; fi
fi
[ -f lib/generated/postgresql/client.ts ] && [ -f lib/generated/sqlite/client.ts ] || node scripts/prisma.mjs generate
echo "ok: chromium $("$chromium" --version 2>/dev/null | head -1), node $(node --version)"

section "Type check (tsc --noEmit)"
npx tsc --noEmit

section "Lint (eslint: Next, React hooks, typescript-eslint)"
npm run --silent lint

section "Formatting (prettier --check; npm run format fixes it)"
npm run --silent format:check

section "Unit tests (vitest --project unit)"
npx vitest run --project unit

section "Integration tests (vitest --project integration: SQLite and PostgreSQL)"
npx vitest run --project integration

section "End-to-end tests (playwright, Chromium)"
npx playwright test

section "All tests passed"
