// A running run's page follows its tasks through the change stream: a task
// recorded through the metadata API appears on the open run page's timeline
// and tasks table, and its verdict shows, without a reload. While the stream
// is live the views do not poll at all (they poll every 15 s only while it is
// down: components/detail/live-fallback.ts), and each change is asserted
// within less than that. Its own flow, so the demo's runs stay as they are.
import { expect, test, type APIRequestContext } from "@playwright/test";

const FLOW = `LiveDetailFlow${Date.now().toString(36)}`;
const api = (path: string) => `/api/metadata/flows/${FLOW}${path}`;
/** Less than the fallback poll (15 s, and off while the stream is live): only the stream can be the cause. */
const VIA_STREAM = { timeout: 10_000 };

async function post(request: APIRequestContext, path: string, data: unknown) {
  const res = await request.post(api(path), { data });
  expect(res.ok(), `${path} answered ${res.status()}`).toBe(true);
  return res.json();
}

test("a task recorded through the metadata API appears, then fails, on the open run page", async ({ page, request }) => {
  // Four server round trips and three waits on the stream: more than the default 30 s on a busy machine.
  test.setTimeout(90_000);
  await post(request, "", { user_name: "anne" });
  const run = await post(request, "/run", { user_name: "anne", system_tags: ["user:anne"] });
  const runs = `/runs/${run.run_number}`;
  await post(request, `${runs}/steps/start/step`, { user_name: "anne" });
  const first = await post(request, `${runs}/steps/start/task`, { user_name: "anne" });

  await page.goto(`/runs/${FLOW}/${run.run_number}?namespace=user:anne`);
  const timeline = page.getByRole("list", { name: "Timeline of tasks" });
  await expect(timeline.locator(`[data-task="${FLOW}/${run.run_number}/start/${first.task_id}"]`)).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-live="live"]')).toBeVisible({ timeout: 30_000 });

  const second = await post(request, `${runs}/steps/start/task`, { user_name: "anne" });
  const row = timeline.locator(`[data-task="${FLOW}/${run.run_number}/start/${second.task_id}"]`);
  await expect(row).toBeVisible(VIA_STREAM);
  const table = page.getByRole("table", { name: "Tasks of the run" });
  await expect(table.getByRole("row")).toHaveCount(3, VIA_STREAM);

  await post(request, `${runs}/steps/start/tasks/${second.task_id}/metadata`, [
    { field_name: "attempt_ok", value: "False", type: "attempt_ok", user_name: "anne" },
  ]);
  await expect(row.locator('[title*=": failed"]')).toHaveCount(1, VIA_STREAM);
  await expect(table.getByRole("cell", { name: "Failed" })).toHaveCount(1, VIA_STREAM);
});
