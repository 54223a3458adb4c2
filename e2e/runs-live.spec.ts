// The runs list as runs are recorded: live updates, paging and reconnecting.
// Each journey has runs of its own flow, user and tag (e2e/fixtures.ts).
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const rows = (page: Page) => page.locator("tbody tr");
const runNames = (page: Page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-run")));

test.describe("runs list, live", () => {
  test("a run created through the metadata API appears without a reload", async ({ page, request, seed }) => {
    const flow = seed.name("LiveFlow");
    const user = seed.name("live");
    await seed.seed({ runs: [{ flow, user, shape: "HelloFlow" }] });
    await page.goto(`/?namespace=user:${user}`);
    await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
    const before = await rows(page).count();
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    const res = await request.post(`/api/metadata/flows/${flow}/run`, {
      data: {
        user_name: user,
        tags: ["live_e2e"],
        system_tags: [`user:${user}`, "runtime:dev", "python_version:3.11.7", "metaflow_version:2.15.7"],
      },
    });
    expect(res.status()).toBe(200);
    const run = await res.json();
    const pathspec = `${flow}/${run.run_number}`;

    await expect(rows(page).first()).toHaveAttribute("data-run", pathspec);
    await expect(rows(page)).toHaveCount(before + 1);
    await expect(rows(page).first().getByText("Running")).toBeVisible();
    await expect(rows(page).first().getByRole("link", { name: "user tag live_e2e" })).toBeVisible();
    // Same document: nothing reloaded the page.
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    // A tag change made elsewhere appears too.
    const mutate = await request.patch(`/api/metadata/flows/${flow}/runs/${run.run_number}/tag/mutate`, {
      data: { tags_to_add: ["reviewed"], tags_to_remove: [] },
    });
    expect(mutate.status()).toBe(200);
    await expect(rows(page).first().getByRole("link", { name: "user tag reviewed" })).toBeVisible();

    // The end step succeeds: the running run turns completed.
    const runPath = `/api/metadata/flows/${flow}/runs/${run.run_number}/steps/end`;
    const who = { user_name: user, tags: [], system_tags: [`user:${user}`] };
    expect((await request.post(`${runPath}/step`, { data: who })).status()).toBe(200);
    const task = await (await request.post(`${runPath}/task`, { data: who })).json();
    const done = await request.post(`${runPath}/tasks/${task.task_id}/metadata`, {
      data: [
        { field_name: "attempt_ok", value: "True", type: "internal_attempt_status", user_name: user, tags: ["attempt_id:0"], system_tags: [`user:${user}`] },
      ],
    });
    expect(done.status()).toBe(200);
    await expect(rows(page).first().getByText("Completed")).toBeVisible();
  });

  test("scrolling to the end loads the next page, without gaps or repeats", async ({ page, seed }) => {
    // 60 runs of a user and a tag of their own, the tag used as the namespace.
    const flow = seed.name("PagingFlow");
    const user = seed.name("pager");
    const tag = seed.name("paging_");
    await seed.seed({ runs: Array.from({ length: 60 }, () => ({ flow, user, shape: "bare" as const, tags: [tag] })) });
    await page.goto(`/?namespace=${tag}`);
    await expect(rows(page)).toHaveCount(50);
    await page.getByRole("button", { name: "Load more runs" }).scrollIntoViewIfNeeded();
    await expect(rows(page)).toHaveCount(60);
    await expect(page.getByText("All 60 runs shown.")).toBeVisible();
    const names = await runNames(page);
    expect(new Set(names).size).toBe(60);
    const numbers = names.map((n) => Number(n!.split("/")[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  test("live updates reconnect after a drop and catch up on what was missed", async ({ page, request, seed }) => {
    const flow = seed.name("ReconnectFlow");
    const user = seed.name("pager");
    await seed.seed({ runs: [{ flow, user, shape: "bare" }] });
    // The first connections fail, as when a proxy or the server goes away.
    await page.route("**/api/v1/events**", (route) => route.fulfill({ status: 503, body: "unavailable" }));
    await page.goto(`/?namespace=user:${user}`);
    const live = page.getByRole("status").filter({ hasText: /Live|Reconnecting|Connecting/ });
    await expect(live).toHaveText("Reconnecting…");

    const res = await request.post(`/api/metadata/flows/${flow}/run`, {
      data: { user_name: user, tags: ["missed_while_offline"], system_tags: [`user:${user}`] },
    });
    const missed = `${flow}/${(await res.json()).run_number}`;
    await expect(page.locator(`[data-run="${missed}"]`)).toHaveCount(0);

    await page.unroute("**/api/v1/events**");
    await expect(live).toHaveText("Live");
    await expect(rows(page).first()).toHaveAttribute("data-run", missed);
  });
});
