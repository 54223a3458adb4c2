import "server-only";
// Steps and tasks: create, read, list, filtered_tasks and task heartbeats.
import { createStep, createTask } from "../../data/ingest";
import { heartbeatTask } from "../../data/task-data-write";
import { getStepView, getTaskView, listSteps, listTasks, stepViewOf, taskViewOf } from "../../data/objects-read";
import { filteredTaskPathspecs } from "../../data/task-data-read";
import { isNumericId } from "../../domain/pathspec";
import { HttpError, json, notFoundResponse, readJson, readText } from "../http";
import { objectBody, taskBody } from "../schemas";
import { stepJson, taskJson } from "../serialize";
import type { RouteContext } from "../router";
import { retrying } from "../../data/sql";
import { HEARTBEAT_REPLY } from "./runs";

export async function listStepsHandler({ db, params }: RouteContext) {
  const steps = await listSteps(db, params.flow, params.run);
  return steps ? json(steps.map(stepJson)) : notFoundResponse();
}

export async function getStepHandler({ db, params }: RouteContext) {
  const step = await getStepView(db, params.flow, params.run, params.step);
  return step ? json(stepJson(step)) : notFoundResponse();
}

export async function createStepHandler({ db, params, body: source }: RouteContext) {
  const body = await readJson(source, objectBody, {});
  const input = { userName: body.user_name, tags: body.tags, systemTags: body.system_tags };
  const { run, step } = await retrying(() => createStep(db, params.flow, params.run, params.step, input));
  return json(stepJson(stepViewOf(run, step)));
}

export async function listTasksHandler({ db, params }: RouteContext) {
  const tasks = await listTasks(db, params.flow, params.run, params.step);
  return tasks ? json(tasks.map(taskJson)) : notFoundResponse();
}

export async function getTaskHandler({ db, params }: RouteContext) {
  const task = await getTaskView(db, params.flow, params.run, params.step, params.task);
  return task ? json(taskJson(task)) : notFoundResponse();
}

export async function filteredTasksHandler({ db, params, query }: RouteContext) {
  const field = query.get("metadata_field_name") || undefined;
  const pattern = query.get("pattern") || undefined;
  const found = await filteredTaskPathspecs(db, params.flow, params.run, params.step, field, pattern);
  return found ? json(found) : notFoundResponse();
}

export async function createTaskHandler({ db, params, body: source }: RouteContext) {
  const body = await readJson(source, taskBody, {});
  const given = body.task_id;
  if (given !== null && given !== undefined && (typeof given === "number" || isNumericId(given))) {
    throw new HttpError(400, "provided task_name may not be a numeric");
  }
  const input = { userName: body.user_name, tags: body.tags, systemTags: body.system_tags, taskName: given ?? undefined };
  const { run, task } = await retrying(() => createTask(db, params.flow, params.run, params.step, input));
  return json(taskJson(taskViewOf(run, params.step, task)));
}

export async function heartbeatTaskHandler({ db, params, body: source }: RouteContext) {
  await readText(source);
  await retrying(() => heartbeatTask(db, params.flow, params.run, params.step, params.task));
  return json(HEARTBEAT_REPLY);
}
