// Run, step and task views on the demo data (lib/demo/story.ts), as anne; the
// running run whose log grows is one of the journey's own (e2e/fixtures.ts).
import path from "node:path";
import { appendFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { seededServer } from "./servers";

async function taskKeys(page: Page, run: string, step: string, ns = "user:anne", flow = "PredictionFlow"): Promise<string[]> {
  const res = await page.request.get(`/api/v1/runs/${flow}/${run}/tasks?step=${step}&namespace=${encodeURIComponent(ns)}`);
  return ((await res.json()).tasks as { key: string }[]).map((t) => t.key);
}

test.describe("run detail", () => {
  test("a failed run says why, from the list to the failing task's stderr", async ({ page }) => {
    await page.goto("/?namespace=user:anne");
    await page.getByRole("link", { name: "PredictionFlow/7", exact: true }).click();
    await expect(page).toHaveURL(/\/runs\/PredictionFlow\/7\?namespace=user%3Aanne/);
    const why = page.getByRole("region", { name: "Why it failed" });
    await expect(why).toContainText("Step train failed in task");
    await expect(why.getByLabel("Last lines of stderr")).toContainText("ValueError: feature matrix has NaNs");
    await expect(page.getByRole("region", { name: "Parameters" })).toContainText("learning_rate");
    await expect(page.getByRole("region", { name: "Parameters" })).toContainText("'gbt-baseline'");
    await why.getByRole("link", { name: /PredictionFlow\/7\/train\// }).click();
    await expect(page.getByRole("tab", { name: "stderr" })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("log")).toContainText("ValueError: feature matrix has NaNs");
    await page.getByRole("searchbox", { name: "Search the log" }).fill("valueerror");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByText("1 line matches “valueerror”")).toBeVisible();
    await expect(page.getByRole("log").locator("mark")).toHaveText("ValueError");
  });

  test("the DAG shows the foreach, and clicking a step opens it", async ({ page }) => {
    await page.goto("/runs/PredictionFlow/8?namespace=user:anne");
    const dag = page.getByRole("group", { name: /DAG of PredictionFlow\/8/ });
    await expect(dag.getByRole("link", { name: /^Step start: foreach, completed, 1 task, foreach over folds/ })).toBeVisible();
    await expect(dag.getByRole("link", { name: /^Step train: linear, completed, 3 tasks/ })).toBeVisible();
    await expect(dag.locator("[data-foreach]")).toHaveCount(1);
    await dag.getByRole("link", { name: /^Step train/ }).click();
    await expect(page).toHaveURL(/\/runs\/PredictionFlow\/8\/train\?namespace=user%3Aanne$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("PredictionFlow/8/train");
    await expect(page.getByRole("table", { name: "Tasks of train" }).getByRole("row")).toHaveCount(4);
  });

  test("the timeline and the tasks table show every task; the table filters and sorts", async ({ page }) => {
    await page.goto("/runs/PredictionFlow/7?namespace=user:anne");
    const timeline = page.getByRole("list", { name: "Timeline of tasks" });
    await expect(timeline.locator("[data-task]")).toHaveCount(4);
    await expect(timeline.locator("[data-task]").first()).toHaveAttribute("data-task", /PredictionFlow\/7\/start\//);
    await page.getByRole("button", { name: "Zoom in" }).click();
    await expect(page.getByText("2×")).toBeVisible();
    const table = page.getByRole("table", { name: "Tasks of the run" });
    await expect(table.getByRole("row")).toHaveCount(5);
    await page.getByLabel("Task status").selectOption("failed");
    await expect(table.getByRole("row")).toHaveCount(4);
    await expect(table.getByRole("cell", { name: "Completed" })).toHaveCount(0);
    await page.getByLabel("Sort by").selectOption("duration");
    await expect(table.getByRole("row")).toHaveCount(4);
  });

  test("the task page shows current, artifacts with a preview, and a card in a sandboxed iframe", async ({ page }) => {
    const [join] = await taskKeys(page, "8", "join");
    await page.goto(`/runs/PredictionFlow/8/join/${join}?namespace=user:anne`);
    const current = page.getByRole("region", { name: "current" });
    await expect(current.locator("[data-current=flow_name]")).toHaveText("PredictionFlow");
    await expect(current.locator("[data-current=task_id]")).toHaveText(join);
    await expect(current.locator("[data-current=namespace]")).toHaveText("user:anne");
    await expect(current.locator("[data-current=retry_count]")).toHaveText("0");
    await expect(current.getByRole("button", { name: "Copy pathspec" })).toBeVisible();
    await expect(page.getByRole("log")).toContainText("Picking the best of 3 models");
    await page.getByRole("button", { name: /^best_model/ }).click();
    await expect(page.getByTestId("artifact-preview")).toContainText("{'kind': 'gbt', 'fold': 1, 'trees': 200, 'depth': 6}");
    const frame = page.locator("iframe[title^='Card default']");
    await expect(frame).toHaveAttribute("sandbox", "allow-scripts");
    await expect(page.frameLocator("iframe[title^='Card default']").locator("#card-title")).toHaveText(`PredictionFlow/8 join`);
    await expect(page.frameLocator("iframe[title^='Card default']").locator("#card-ok")).toHaveText("yes");
  });

  test("an unknown task answers a real 404", async ({ page }) => {
    const res = await page.goto("/runs/PredictionFlow/8/join/999999?namespace=user:anne");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Task PredictionFlow/8/join/999999 does not exist" })).toBeVisible();
  });

  test("a running task's log follows new lines", async ({ page, seed }) => {
    // As the demo's PredictionFlow/9: a production run whose train step is running.
    const flow = seed.name("RunningFlow");
    await seed.seed({
      deployments: [{ flow, user: "anne" }],
      runs: [{ flow, user: "anne", shape: "PredictionFlow", runNumber: 9, production: true, outcome: "running", failAtStep: "train", startedMinutesAgo: 2 }],
    });
    const [task] = await taskKeys(page, "9", "train", "global", flow);
    const beat = await page.request.post(`/api/metadata/flows/${flow}/runs/9/steps/train/tasks/${task}/heartbeat`, { data: {} });
    expect(beat.ok()).toBe(true);
    await page.goto(`/runs/${flow}/9/train/${task}?namespace=global`);
    await expect(page.getByRole("heading", { level: 1 }).locator("..")).toContainText("Running");
    await expect(page.getByLabel("Follow")).toBeChecked();
    await expect(page.getByRole("log")).toContainText("Training gradient boosted trees");
    const iso = new Date().toISOString().replace(/Z$/, "");
    appendFileSync(path.join(seededServer.datastore, flow, "9", "train", task, "0.task_stdout.log"), `[MFLOG|0|${iso}Z|task|99]epoch 7: loss=0.21\n`);
    await expect(page.getByRole("log")).toContainText("epoch 7: loss=0.21", { timeout: 15_000 });
  });
});
