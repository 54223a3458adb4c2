// npm run bench:peer-setup: what the benchmarks need to measure metaflow-service
// beside Flowdeck, all outside the project:
// - a checkout of github:Netflix/metaflow-service at METAFLOW_SERVICE_SRC
//   (default /tmp/metaflow-service), extracted from a bare mirror
//   (METAFLOW_SERVICE_GIT_DIR, default /work/.mirror/Netflix+metaflow-service/repo)
//   or cloned from GitHub, with the dist-info folder it reads its version from;
// - Debian's python3-aiohttp python3-aiopg python3-psycopg2 python3-boto3
//   python3-packaging (installed with apt-get when run as root, else printed);
// - Metaflow's source at METAFLOW_SRC (default /tmp/metaflow) for bench:reads'
//   Flow(F).latest_run, from METAFLOW_GIT_DIR (default /work/.mirror/Netflix+metaflow/repo).
import { execSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PEER_DEBIAN_PACKAGES, PEER_VERSION, peerMissing, peerSource } from "./peer";

const isRoot = process.getuid?.() === 0;

function checkout(what: string, dest: string, marker: string, gitDir: string, repo: string) {
  if (existsSync(path.join(dest, marker))) return console.log(`${what}: ${dest} is there.`);
  mkdirSync(dest, { recursive: true });
  if (existsSync(gitDir)) {
    execSync(`git --git-dir=${JSON.stringify(gitDir)} archive HEAD | tar -x -C ${JSON.stringify(dest)}`, { stdio: "inherit" });
    const rev = spawnSync("git", [`--git-dir=${gitDir}`, "describe", "--tags", "--always", "HEAD"], { encoding: "utf8" }).stdout.trim();
    console.log(`${what}: extracted ${rev} from ${gitDir} into ${dest}.`);
  } else {
    const res = spawnSync("git", ["clone", "--depth", "1", `https://github.com/${repo}`, dest], { stdio: "inherit" });
    if (res.status !== 0) throw new Error(`${what}: no mirror at ${gitDir} and git clone https://github.com/${repo} failed; put a checkout at ${dest}.`);
    console.log(`${what}: cloned github.com/${repo} into ${dest}.`);
  }
}

checkout(
  "metaflow-service",
  peerSource(),
  "services/metadata_service/server.py",
  process.env.METAFLOW_SERVICE_GIT_DIR ?? "/work/.mirror/Netflix+metaflow-service/repo",
  "Netflix/metaflow-service",
);
const distInfo = path.join(peerSource(), `metadata_service-${PEER_VERSION}.dist-info`);
mkdirSync(distInfo, { recursive: true });
writeFileSync(path.join(distInfo, "METADATA"), `Metadata-Version: 2.1\nName: metadata_service\nVersion: ${PEER_VERSION}\n`);

if (peerMissing()) {
  const cmd = `apt-get install -y ${PEER_DEBIAN_PACKAGES.join(" ")}`;
  if (!isRoot) console.log(`metaflow-service's Python packages are missing: run as root: ${cmd}`);
  else {
    console.log(`installing ${PEER_DEBIAN_PACKAGES.join(" ")} from Debian…`);
    let res = spawnSync("sh", ["-c", `DEBIAN_FRONTEND=noninteractive ${cmd}`], { stdio: "inherit" });
    if (res.status !== 0) res = spawnSync("sh", ["-c", `apt-get update && DEBIAN_FRONTEND=noninteractive ${cmd}`], { stdio: "inherit" });
    if (res.status !== 0) throw new Error(`${cmd} failed`);
  }
}
const still = peerMissing();
console.log(still ? `not ready: ${still}` : `metaflow-service ${PEER_VERSION}: ready (${peerSource()}).`);

checkout(
  "Metaflow (Python client)",
  process.env.METAFLOW_SRC ?? "/tmp/metaflow",
  "metaflow/__init__.py",
  process.env.METAFLOW_GIT_DIR ?? "/work/.mirror/Netflix+metaflow/repo",
  "Netflix/metaflow",
);
