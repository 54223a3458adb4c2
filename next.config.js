// Next.js configuration. Native and driver packages stay outside the server
// bundle and load with Node's own require. Telemetry is off through
// NEXT_TELEMETRY_DISABLED=1, which scripts/start.mjs and the test scripts set.

/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
