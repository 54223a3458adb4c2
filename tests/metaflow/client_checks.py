"""Reads the runs that metaflow-client.test.ts recorded back through Metaflow's
own Client API, against Flowdeck, and prints one JSON line per check:
{"check": name, "ok": bool, "detail": str}. Run ids come as a JSON argument.
"""
import json
import sys
import traceback

from metaflow import Flow, Run, Step, Task, namespace
from metaflow.exception import MetaflowNamespaceMismatch, MetaflowTaggingError

ids = json.loads(sys.argv[1])
results = []


def check(name):
    def wrap(fn):
        try:
            detail = fn()
            results.append({"check": name, "ok": True, "detail": str(detail)})
        except Exception as e:  # noqa: BLE001 - every failure is reported, not raised
            results.append({"check": name, "ok": False, "detail": "%s: %s\n%s" % (type(e).__name__, e, traceback.format_exc())})
        return fn

    return wrap


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


@check("latest_run in user:anne is anne's newest run")
def _():
    namespace("user:anne")
    latest = Flow("HelloFlow").latest_run
    expect(latest.id == ids["anne_latest"], "latest_run is %s, expected %s" % (latest.id, ids["anne_latest"]))
    return latest.pathspec


@check("will's run in anne's namespace raises MetaflowNamespaceMismatch")
def _():
    namespace("user:anne")
    try:
        Run("HelloFlow/%s" % ids["will"])
    except MetaflowNamespaceMismatch as e:
        return str(e)
    raise AssertionError("no MetaflowNamespaceMismatch")


@check("a production namespace holds only the scheduled run, and latest_run there is it")
def _():
    namespace(ids["production_namespace"])
    found = [r.id for r in Flow("HelloFlow")]
    expect(found == [ids["production_run"]], "runs %s, expected only %s" % (found, ids["production_run"]))
    latest = Flow("HelloFlow").latest_run
    expect(latest.id == ids["production_run"], "latest_run is %s" % latest.id)
    expect(not any(t.startswith("user:") for t in latest.system_tags), "system tags %s" % sorted(latest.system_tags))
    return found


@check("namespace(None) reaches every run")
def _():
    namespace(None)
    found = sorted(r.id for r in Flow("HelloFlow"))
    expected = sorted([ids["anne_tagged"], ids["anne_latest"], ids["will"], ids["production_run"]])
    expect(found == expected, "runs %s, expected %s" % (found, expected))
    return found


@check("runs('crazy_test', 'date:2020-06-01') filters with AND in the namespace")
def _():
    namespace("user:anne")
    found = [r.id for r in Flow("HelloFlow").runs("crazy_test", "date:2020-06-01")]
    expect(found == [ids["anne_tagged"]], "runs %s" % found)
    namespace(None)
    both = sorted(r.id for r in Flow("HelloFlow").runs("crazy_test"))
    expect(both == sorted([ids["anne_tagged"], ids["anne_latest"], ids["will"]]), "crazy_test runs %s" % both)
    return found


@check("system tags and the crazy_test user tag are stored")
def _():
    namespace(None)
    run = Run("HelloFlow/%s" % ids["anne_tagged"])
    prefixes = ["user:anne", "runtime:", "python_version:", "metaflow_version:"]
    for p in prefixes:
        expect(any(t.startswith(p) for t in run.system_tags), "no system tag %s in %s" % (p, run.system_tags))
    expect({"crazy_test", "date:2020-06-01"} <= run.user_tags, "user tags %s" % run.user_tags)
    steps = sorted(s.id for s in run)
    expect(steps == ["end", "hello", "start"], "steps %s" % steps)
    task = run["start"].task
    expect("crazy_test" in task.tags, "task tags %s" % task.tags)
    return sorted(run.tags)


@check("add_tag, remove_tag and replace_tag are visible to the next reader")
def _():
    namespace("user:anne")
    path = "HelloFlow/%s" % ids["anne_latest"]
    Run(path).add_tag("x")
    expect("x" in Run(path).user_tags, "x not added")
    Run(path).remove_tag("x")
    expect("x" not in Run(path).user_tags, "x not removed")
    Run(path).replace_tag("crazy_test", "crazy_test_2")
    tags = Run(path).user_tags
    expect("crazy_test_2" in tags and "crazy_test" not in tags, "replace gave %s" % tags)
    Run(path).replace_tags(["crazy_test_2"], ["crazy_test"])
    return sorted(Run(path).user_tags)


@check("removing a system tag fails with MetaflowTaggingError")
def _():
    namespace("user:anne")
    run = Run("HelloFlow/%s" % ids["anne_latest"])
    try:
        run.remove_tag("user:anne")
    except MetaflowTaggingError as e:
        expect("system tags" in str(e), "message: %s" % e)
        return str(e)
    raise AssertionError("no MetaflowTaggingError")


@check("successful, finished and end-step status are right")
def _():
    namespace(None)
    ok = Run("HelloFlow/%s" % ids["anne_tagged"])
    expect(ok.successful and ok.finished, "successful=%s finished=%s" % (ok.successful, ok.finished))
    failed = Run("ResumeFlow/%s" % ids["resume_origin"])
    expect(not failed.successful and not failed.finished, "failed run: successful=%s finished=%s" % (failed.successful, failed.finished))
    return "ok"


@check("Task.metadata_dict, artifacts and data")
def _():
    namespace(None)
    task = Step("HelloFlow/%s/start" % ids["anne_tagged"]).task
    meta = task.metadata_dict
    for field in ["attempt", "ds-type", "ds-root", "attempt_ok", "user", "python_version"]:
        expect(field in meta, "no %s in metadata_dict %s" % (field, sorted(meta)))
    expect(meta["ds-type"] == "local", meta["ds-type"])
    names = sorted(a.id for a in task.artifacts)
    expect("greeting" in names, "artifacts %s" % names)  # Task.artifacts hides _private ones
    expect(task["_task_ok"].data is True, "_task_ok %s" % task["_task_ok"].data)
    expect(task.data.greeting == "hi", "greeting %s" % task.data.greeting)
    expect(Task(task.pathspec).successful, "task not successful")
    return names


@check("resume records origin-run-id and lands in the resuming user's namespace")
def _():
    namespace("user:will")
    resumed = Run("ResumeFlow/%s" % ids["resumed"])
    expect("user:will" in resumed.system_tags, "system tags %s" % resumed.system_tags)
    expect(resumed.successful, "resumed run not successful")
    origin = resumed.end_task.metadata_dict.get("origin-run-id")
    expect(origin == ids["resume_origin"], "origin-run-id %s" % origin)
    namespace("user:anne")
    try:
        Run("ResumeFlow/%s" % ids["resumed"])
        raise AssertionError("resumed run visible in user:anne")
    except MetaflowNamespaceMismatch:
        pass
    return origin


@check("a foreach with 100+ tasks records completely")
def _():
    namespace(None)
    run = Run("ForeachFlow/%s" % ids["foreach"])
    expect(run.successful, "foreach run not successful")
    tasks = list(run["square"])
    expect(len(tasks) == ids["width"], "%d square tasks, expected %d" % (len(tasks), ids["width"]))
    expect(run["end"].task.data.count == ids["width"], "count %s" % run["end"].task.data.count)
    parents = list(run["join"].task.parent_task_pathspecs)
    expect(len(parents) == ids["width"], "join has %d parents (filtered_tasks)" % len(parents))
    return len(tasks)


for r in results:
    print(json.dumps(r))
