// The runs list, following the demo story (lib/demo/story.ts). Each journey
// acts as a person of its own (e2e/fixtures.ts), so the namespace it chooses
// is remembered for that person only; runs made live are in runs-live.spec.ts.
import type { Page } from "@playwright/test";
import { expect, keysListen, test } from "./fixtures";

const rows = (page: Page) => page.locator("tbody tr");
const runNames = (page: Page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-run")));
const firstOfFlow = (page: Page, flow: string) => rows(page).filter({ hasText: flow }).first();

async function chooseNamespace(page: Page, typed: string, option: RegExp | string) {
  const control = page.getByRole("combobox", { name: "Namespace" });
  await control.click();
  await control.fill(typed);
  await page.getByRole("option", { name: option }).click();
}

test.beforeEach(async ({ person }) => {
  test.info().annotations.push({ type: "acting as", description: person });
});

test.describe("runs list", () => {
  test("anne's own namespace: her latest PredictionFlow run is 8, not production's 9", async ({ page }) => {
    await page.goto("/?namespace=user:anne");
    await expect(page.getByTestId("namespace-in-effect")).toHaveText(/Namespace: user:anne/);
    await expect(firstOfFlow(page, "PredictionFlow")).toHaveAttribute("data-run", "PredictionFlow/8");
    await expect(page.getByRole("link", { name: "PredictionFlow/9" })).toHaveCount(0);
    // The run link keeps the namespace, so the run page opens in the same view.
    await expect(page.getByRole("link", { name: "PredictionFlow/8", exact: true })).toHaveAttribute("href", "/runs/PredictionFlow/8?namespace=user%3Aanne");
    // Status is a word, not only a color; tags say whether they are the user's or the system's.
    const row = firstOfFlow(page, "PredictionFlow");
    await expect(row.getByText("Completed")).toBeVisible();
    await expect(row.getByRole("link", { name: "user tag candidate" })).toBeVisible();
    await expect(row.getByRole("link", { name: "system tag user:anne" })).toHaveAttribute("title", /system tag/);
  });

  test("the Namespace control switches to will's namespace, is remembered, and the URL wins", async ({ page }) => {
    await page.goto("/?namespace=user:anne");
    await expect(page.getByRole("combobox", { name: "Namespace" })).toHaveValue("user:anne");
    await chooseNamespace(page, "will", /user:will/);
    await expect(page).toHaveURL(/namespace=user%3Awill/);
    await expect(page.getByTestId("namespace-in-effect")).toHaveText(/Namespace: user:will/);
    await expect(firstOfFlow(page, "PredictionFlow")).toHaveAttribute("data-run", "PredictionFlow/5");
    await expect(rows(page).filter({ hasText: /\banne\b/ })).toHaveCount(0);

    // Remembered: opening the list without ?namespace= shows will's namespace again.
    await expect
      .poll(async () => {
        await page.goto("/");
        return page.getByTestId("namespace-in-effect").textContent();
      })
      .toMatch(/user:will/);
    // The URL wins over the remembered choice.
    await page.goto("/?namespace=user:anne");
    await expect(firstOfFlow(page, "PredictionFlow")).toHaveAttribute("data-run", "PredictionFlow/8");
  });

  test("Global shows everyone's runs and production runs", async ({ page, request }) => {
    // The demo's running run runs while its client heartbeats (a run without one for 6 minutes has failed).
    expect((await request.post("/api/metadata/flows/PredictionFlow/runs/9/heartbeat", { data: {} })).ok()).toBe(true);
    await page.goto("/?namespace=user:anne");
    await chooseNamespace(page, "glo", /^Global/);
    await expect(page).toHaveURL(/namespace=global/);
    await expect(page.getByTestId("namespace-in-effect")).toHaveText(/Namespace: Global/);
    // Every demo run.
    await expect.poll(async () => (await runNames(page)).length).toBe(20);
    const hello = rows(page).filter({ hasText: "HelloFlow" });
    for (const [user, runs] of [
      ["will", ["3", "4", "6"]],
      ["anne", ["1", "2", "5"]],
    ] as const) {
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
    await keysListen(page);
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
    await page.getByRole("region", { name: "Filters" }).getByLabel("Status", { exact: true }).selectOption("failed");
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
});
