# Times Metaflow's client `Flow(F).latest_run` inside one Python process:
#   python3 latest_run.py FLOW NAMESPACE REPEAT
# (METAFLOW_SERVICE_URL, METAFLOW_DEFAULT_METADATA=service and PYTHONPATH to a
# Metaflow checkout come from the environment). Prints one JSON line.
import json
import sys
import time

from metaflow import Flow, namespace

flow, ns, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
namespace(None if ns == "global" else ns)
for _ in range(3):  # warm-up: imports, the version ping, connections
    Flow(flow).latest_run
seconds = []
run = None
for _ in range(repeat):
    t0 = time.perf_counter()
    run = Flow(flow).latest_run
    seconds.append(time.perf_counter() - t0)
seconds.sort()
q = lambda p: seconds[min(len(seconds) - 1, max(0, -(-int(p * len(seconds) * 1000) // 1000) - 1))]
print(json.dumps({"p50": q(0.5), "p95": q(0.95), "run": run.pathspec if run else None, "seconds": seconds}))
