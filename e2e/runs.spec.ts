// The runs list, following the demo story (lib/demo/story.ts) as anne
// (FLOWDECK_USER=anne in playwright.config.ts).
import { expect, test, type Page } from "@playwright/test";

const rows = (page: Page) => page.locator("tbody tr");
const runNames = (page: Page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-run")));
const firstOfFlow = (page: Page, flow: string) => rows(page).filter({ hasText: flow }).first();

async function chooseNamespace(page: Page, typed: string, option: RegExp | string) {
  const control = page.getByRole("combobox", { name: "Namespace" });
  await control.click();
  await control.fill(typed);
  await page.getByRole("option", { name: option }).click();
}

test.describe("runs list", () => {
  test("anne's own namespace: her latest PredictionFlow run is 8, not production's 9", async ({ page }) => {
    await page.goto("/?namespace=user:anne");
    await expect(page.getByTestId("namespace-in-effect")).toHaveText(/Namespace: user:anne/);
    await expect(firstOfFlow(page, "PredictionFlow")).toHaveAttribute("data-run", "PredictionFlow/8");
    await expect(page.getByRole("link", { name: "PredictionFlow/9" })).toHaveCount(0);
    // The run link keeps the namespace, so the run page opens in the same view.
    await expect(page.getByRole("link", { name: "PredictionFlow/8", exact: true })).toHaveAttribute(
      "href", "/runs/PredictionFlow/8?namespace=user%3Aanne",
    );
    // Status is a word, not only a color; tags say whether they are the user's or the system's.
    const row = firstOfFlow(page, "PredictionFlow");
    await expect(row.getByText("Completed")).toBeVisible();
    await expect(row.getByRole("link", { name: "user tag candidate" })).toBeVisible();
    await expect(row.getByRole("link", { name: "system tag user:anne" })).toHaveAttribute("title", /system tag/);
  });

  test("the Namespace control switches to will's namespace, is remembered, and the URL wins", async ({ page }) => {
    await page.goto("/?namespace=user:anne");
    await expect(page.getByRole("combobox", { name: "Namespace" })).toHaveValue("user:anne");
    try {
      await chooseNamespace(page, "will", /user:will/);
      await expect(page).toHaveURL(/namespace=user%3Awill/);
      await expect(page.getByTestId("namespace-in-effect")).toHaveText(/Namespace: user:will/);
      await expect(firstOfFlow(page, "PredictionFlow")).toHaveAttribute("data-run", "PredictionFlow/5");
      await expect(rows(page).filter({ hasText: /\banne\b/ })).toHaveCount(0);

      // Remembered: opening the list without ?namespace= shows will's namespace again.
      await expect.poll(async () => {
        await page.goto("/");
        return page.getByTestId("namespace-in-effect").textContent();
      }).toMatch(/user:will/);
      // The URL wins over the remembered choice.
      await page.goto("/?namespace=user:anne");
      await expect(firstOfFlow(page, "PredictionFlow")).toHaveAttribute("data-run", "PredictionFlow/8");
    } finally {
      // Leave anne's remembered namespace as other tests expect it.
      await page.goto("/?namespace=user:will");
      await chooseNamespace(page, "anne", /user:anne/);
      await expect(page).toHaveURL(/namespace=user%3Aanne/);
      await expect.poll(async () => {
        await page.goto("/");
        return page.getByTestId("namespace-in-effect").textContent();
      }).toMatch(/user:anne/);
    }
  });

  test("Global shows everyone's runs and production runs", async ({ page }) => {
    await page.goto("/?namespace=user:anne");
    await chooseNamespace(page, "glo", /^Global/);
    await expect(page).toHaveURL(/namespace=global/);
    await expect(page.getByTestId("namespace-in-effect")).toHaveText(/Namespace: Global/);
    // Every demo run (a later test of this file adds one more).
    await expect.poll(async () => (await runNames(page)).length).toBeGreaterThanOrEqual(20);
    const hello = rows(page).filter({ hasText: "HelloFlow" });
    for (const [user, runs] of [["will", ["3", "4", "6"]], ["anne", ["1", "2", "5"]]] as const) {
      for (const run of runs) await expect(hello.filter({ hasText: user }).and(page.locator(`[data-run="HelloFlow/${run}"]`))).toHaveCount(1);
    }
    await expect(rows(page).filter({ has: page.getByRole("link", { name: /^system tag production:/ }) })).toHaveCount(3);
    await expect(page.locator('[data-run="PredictionFlow/9"]').getByText("Running")).toBeVisible();
  });

  test("a tag used as a namespace: xyz_features gives FeatureFlow/34 first", async ({ page }) => {
    await page.goto("/?namespace=user:anne");
    await chooseNamespace(page, "xyz", /xyz_features/);
    await expect(page).toHaveURL(/namespace=xyz_features/);
    expect(await runNames(page)).toEqual(["FeatureFlow/34", "FeatureFlow/33", "FeatureFlow/31", "FeatureFlow/28"]);
  });

  test("filtering by crazy_test AND date:2020-06-01 gives exactly HelloFlow/4 and HelloFlow/2", async ({ page }) => {
    await page.goto("/?namespace=global");
    const tag = page.getByRole("combobox", { name: "Filter by tag" });
    // "/" focuses the filter.
    await page.locator("h1").click();
    await page.keyboard.press("/");
    await expect(tag).toBeFocused();
    await tag.fill("crazy");
    await page.getByRole("option", { name: /crazy_test/ }).click();
    await expect(page).toHaveURL(/tag=crazy_test/);
    await expect(rows(page)).toHaveCount(5);

    // Key first, then its values.
    await tag.fill("dat");
    await page.getByRole("option", { name: /date:2020-06-01/ }).click();
    await expect(page).toHaveURL(/tag=crazy_test&tag=date%3A2020-06-01/);
    await expect.poll(() => runNames(page)).toEqual(["HelloFlow/4", "HelloFlow/2"]);
    const active = page.getByRole("list", { name: "Active filters" });
    await expect(active.getByRole("listitem")).toHaveCount(2);

    // The link can be shared: opening it gives the same list.
    const shared = await page.context().newPage();
    await shared.goto(page.url());
    await expect.poll(() => runNames(shared)).toEqual(["HelloFlow/4", "HelloFlow/2"]);
    await shared.close();

    // Removing one filter widens the list again.
    await page.getByRole("link", { name: "Remove filter has date:2020-06-01" }).click();
    await expect(rows(page)).toHaveCount(5);
  });

  test("clicking a tag in the list filters by it; status, flow and exclusion filters combine", async ({ page }) => {
    await page.goto("/?namespace=global");
    await firstOfFlow(page, "FeatureFlow").getByRole("link", { name: "user tag xyz_features" }).click();
    await expect(page).toHaveURL(/tag=xyz_features/);
    await expect(rows(page)).toHaveCount(4);
    await page.getByLabel("Status", { exact: true }).selectOption("failed");
    await expect.poll(() => runNames(page)).toEqual(["FeatureFlow/31"]);

    await page.goto("/?namespace=global&flow=HelloFlow&notTag=crazy_test");
    await expect.poll(() => runNames(page)).toEqual(["HelloFlow/3"]);
    await page.getByLabel("Flow", { exact: true }).fill("PredictionFlow");
    await page.getByLabel("Flow", { exact: true }).press("Enter");
    await expect(page).toHaveURL(/flow=PredictionFlow/);
    await expect(rows(page)).toHaveCount(9);
  });

  test("system tags other than the owner collapse to a count that expands", async ({ page }) => {
    await page.goto("/?namespace=user:anne");
    const row = page.locator('[data-run="PredictionFlow/8"]');
    await expect(row.getByRole("link", { name: "system tag user:anne" })).toBeVisible();
    await expect(row.getByRole("link", { name: "system tag runtime:dev" })).toHaveCount(0);
    await row.getByRole("button", { name: "Show 3 more system tags" }).click();
    await row.getByRole("link", { name: "system tag runtime:dev" }).click();
    await expect(page).toHaveURL(/tag=runtime%3Adev/);
    // Filtering by a collapsed tag keeps it in sight.
    await expect(page.locator('[data-run="PredictionFlow/8"]').getByRole("link", { name: "system tag runtime:dev" })).toBeVisible();
  });

  test("grouping by flow or user gathers the loaded runs under a heading per group", async ({ page }) => {
    await page.goto("/?namespace=global");
    await expect(page.locator('[data-run="HelloFlow/1"]')).toBeVisible();
    await page.getByLabel("Group by").selectOption("flow");
    await expect(page).toHaveURL(/group=flow/);
    const headings = page.locator("tbody th[scope=rowgroup]");
    await expect(headings).toHaveCount(3);
    await expect(headings.first()).toHaveText(/^PredictionFlow · 9 loaded$/);
    const order = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-run")).filter(Boolean) as string[]);
    const flows = order.map((p) => p.split("/")[0]);
    expect(flows).toEqual([...flows].sort((a, b) => flows.indexOf(a) - flows.indexOf(b))); // each flow's runs together
    await page.getByLabel("Group by").selectOption("user");
    await expect(headings).toHaveText([/^anne · /, /^will · /]);
    await page.getByLabel("Group by").selectOption("");
    await expect(headings).toHaveCount(0);
  });

  test("bad filters show the API's message instead of breaking", async ({ page }) => {
    await page.goto("/?namespace=global&status=sleeping");
    await expect(page.getByRole("alert").filter({ hasText: "status must be one of running, completed, failed" })).toBeVisible();
    await page.goto(`/?namespace=global&tag=${"x".repeat(600)}`);
    await expect(page.getByRole("alert").filter({ hasText: "Tag is too long 600 > 500" })).toContainText("remove the filter or shorten the tag");
    // The long tag stays within the page: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    // The filters stay usable: clearing them brings the list back.
    await page.getByRole("link", { name: "Clear all" }).click();
    await expect(page).toHaveURL(/\?namespace=global$/);
    await expect(page.locator('[data-run="HelloFlow/1"]')).toBeVisible();
  });

  test("a run created through the metadata API appears without a reload", async ({ page, request }) => {
    await page.goto("/?namespace=user:anne");
    await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
    const before = await rows(page).count();
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    const res = await request.post("/api/metadata/flows/HelloFlow/run", {
      data: {
        user_name: "anne",
        tags: ["live_e2e"],
        system_tags: ["user:anne", "runtime:dev", "python_version:3.11.7", "metaflow_version:2.15.7"],
      },
    });
    expect(res.status()).toBe(200);
    const run = await res.json();
    const pathspec = `HelloFlow/${run.run_number}`;

    await expect(rows(page).first()).toHaveAttribute("data-run", pathspec);
    await expect(rows(page)).toHaveCount(before + 1);
    await expect(rows(page).first().getByText("Running")).toBeVisible();
    await expect(rows(page).first().getByRole("link", { name: "user tag live_e2e" })).toBeVisible();
    // Same document: nothing reloaded the page.
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    // A tag change made elsewhere appears too.
    const mutate = await request.patch(`/api/metadata/flows/HelloFlow/runs/${run.run_number}/tag/mutate`, {
      data: { tags_to_add: ["reviewed"], tags_to_remove: [] },
    });
    expect(mutate.status()).toBe(200);
    await expect(rows(page).first().getByRole("link", { name: "user tag reviewed" })).toBeVisible();

    // The end step succeeds: the running run turns completed.
    const runPath = `/api/metadata/flows/HelloFlow/runs/${run.run_number}/steps/end`;
    const who = { user_name: "anne", tags: [], system_tags: ["user:anne"] };
    expect((await request.post(`${runPath}/step`, { data: who })).status()).toBe(200);
    const task = await (await request.post(`${runPath}/task`, { data: who })).json();
    const done = await request.post(`${runPath}/tasks/${task.task_id}/metadata`, {
      data: [{ field_name: "attempt_ok", value: "True", type: "internal_attempt_status", user_name: "anne", tags: ["attempt_id:0"], system_tags: ["user:anne"] }],
    });
    expect(done.status()).toBe(200);
    await expect(rows(page).first().getByText("Completed")).toBeVisible();
  });

  test("scrolling to the end loads the next page, without gaps or repeats", async ({ page, request }) => {
    // Runs of their own user and tag, so the demo's namespaces stay as they are.
    const flow = await request.post("/api/metadata/flows/PagingFlow", { data: { user_name: "pager", tags: [], system_tags: ["user:pager"] } });
    expect([200, 409]).toContain(flow.status());
    for (let i = 0; i < 60; i++) {
      const res = await request.post("/api/metadata/flows/PagingFlow/run", {
        data: { user_name: "pager", tags: ["paging_e2e"], system_tags: ["user:pager"] },
      });
      expect(res.status()).toBe(200);
    }
    await page.goto("/?namespace=paging_e2e");
    await expect(rows(page)).toHaveCount(50);
    await page.getByRole("button", { name: "Load more runs" }).scrollIntoViewIfNeeded();
    await expect(rows(page)).toHaveCount(60);
    await expect(page.getByText("All 60 runs shown.")).toBeVisible();
    const names = await runNames(page);
    expect(new Set(names).size).toBe(60);
    const numbers = names.map((n) => Number(n!.split("/")[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  test("live updates reconnect after a drop and catch up on what was missed", async ({ page, request }) => {
    await request.post("/api/metadata/flows/PagingFlow", { data: { user_name: "pager", tags: [], system_tags: ["user:pager"] } });
    // The first connections fail, as when a proxy or the server goes away.
    await page.route("**/api/v1/events**", (route) => route.fulfill({ status: 503, body: "unavailable" }));
    await page.goto("/?namespace=user:pager");
    const live = page.getByRole("status").filter({ hasText: /Live|Reconnecting|Connecting/ });
    await expect(live).toHaveText("Reconnecting…");

    const res = await request.post("/api/metadata/flows/PagingFlow/run", {
      data: { user_name: "pager", tags: ["missed_while_offline"], system_tags: ["user:pager"] },
    });
    const missed = `PagingFlow/${(await res.json()).run_number}`;
    await expect(page.locator(`[data-run="${missed}"]`)).toHaveCount(0);

    await page.unroute("**/api/v1/events**");
    await expect(live).toHaveText("Live");
    await expect(rows(page).first()).toHaveAttribute("data-run", missed);
  });
});
