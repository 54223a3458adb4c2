// CPU time of a process tree from /proc (Linux): utime+stime of the process and
// of every live descendant, plus the time of children they already reaped
// (cutime+cstime), in milliseconds. Read before and after a measured window.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

let ticks: number | undefined;
function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

/** The fields of /proc/<pid>/stat after the command name (field 3 onwards). */
function statFields(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, "utf8");
    return raw.slice(raw.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null; // gone
  }
}

export function parentOf(pid: number): number | null {
  const f = statFields(pid);
  return f ? Number(f[1]) : null;
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
      if (text) for (const c of text.split(/\s+/)) out.push(Number(c));
    }
  } catch {
    /* gone */
  }
  return out;
}

/** CPU milliseconds used so far by `pid` and its descendants. */
export function treeCpuMs(pid: number): number {
  let total = 0;
  const seen = new Set<number>();
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    const f = statFields(p);
    if (!f) continue;
    // utime, stime, cutime, cstime are fields 14–17 (1-based) = 11–14 here.
    total += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    stack.push(...childrenOf(p));
  }
  return (total * 1000) / clockTicks();
}

/** CPU milliseconds the whole machine has been busy (all cores, /proc/stat). */
export function machineBusyMs(): number {
  try {
    const [, ...f] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
    const n = f.map(Number);
    const total = n.slice(0, 8).reduce((a, b) => a + b, 0); // user nice system idle iowait irq softirq steal
    return ((total - n[3] - n[4]) * 1000) / clockTicks();
  } catch {
    return NaN;
  }
}

/** Several trees at once: call `.read()` before and after the window; `.delta()` gives ms per name. */
export function cpuMeter(pids: Record<string, number | undefined>) {
  const read = () => Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, pid ? treeCpuMs(pid) : NaN]));
  let start = read();
  let selfStart = process.cpuUsage();
  let machineStart = machineBusyMs();
  let wallStart = performance.now();
  return {
    reset() {
      start = read();
      selfStart = process.cpuUsage();
      machineStart = machineBusyMs();
      wallStart = performance.now();
    },
    /**
     * CPU ms of each tree since the last reset, of this process (`bench`), of
     * the whole machine (`machine`), of everything else (`other`: what the
     * machine did beside the measured processes), and the wall time (`wall`).
     */
    delta(): Record<string, number> {
      const now = read();
      const self = process.cpuUsage(selfStart);
      const out: Record<string, number> = Object.fromEntries(Object.keys(now).map((k) => [k, now[k] - start[k]]));
      out.bench = (self.user + self.system) / 1000;
      out.machine = machineBusyMs() - machineStart;
      out.other = out.machine - out.bench - Object.keys(now).reduce((a, k) => a + (Number.isFinite(out[k]) ? out[k] : 0), 0);
      out.wall = performance.now() - wallStart;
      return out;
    },
  };
}
