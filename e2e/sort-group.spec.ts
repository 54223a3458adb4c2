// Sort and group the runs list (issue 12): each sortable column's header
// orders the list on the server, says so with aria-sort, and the order and the
// grouping stay in the URL across a reload. Demo data, as anne.
import { expect, test, type Page } from "@playwright/test";

const runNames = (page: Page) => page.locator("tbody tr[data-run]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-run")));
const header = (page: Page, name: string) => page.getByRole("columnheader", { name, exact: true });
const groupHeadings = (page: Page) => page.locator('tbody th[scope="rowgroup"]').evaluateAll((ths) => ths.map((th) => th.firstChild?.textContent?.trim()));

/** The order the API gives for this list: the table must show exactly it. */
async function apiOrder(page: Page, query: string): Promise<string[]> {
  const res = await page.request.get(`/api/v1/runs?${query}&limit=200`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { runs: { pathspec: string }[] }).runs.map((r) => r.pathspec);
}

async function expectSorted(page: Page, column: string, ariaSort: "ascending" | "descending") {
  await expect(header(page, column)).toHaveAttribute("aria-sort", ariaSort);
  for (const other of ["Flow", "User", "Status", "Started", "Duration"].filter((c) => c !== column)) {
    await expect(header(page, other)).toHaveAttribute("aria-sort", "none");
  }
}

const NEWEST = [
  "PredictionFlow/8",
  "PredictionFlow/7",
  "FeatureFlow/34",
  "PredictionFlow/3",
  "PredictionFlow/1",
  "FeatureFlow/29",
  "HelloFlow/5",
  "HelloFlow/2",
  "HelloFlow/1",
];

test("sort by each column from its header, group by flow and by user, a reload keeps it", async ({ page }) => {
  test.setTimeout(120_000); // a long journey: a dozen page loads
  await page.goto("/?namespace=user:anne");
  await expectSorted(page, "Started", "descending");
  await expect.poll(() => runNames(page)).toEqual(NEWEST);

  // Flow: A to Z, newest first within a flow; again: Z to A.
  await header(page, "Flow").getByRole("link").click();
  await expect(page).toHaveURL(/sort=flow&dir=asc/);
  await expectSorted(page, "Flow", "ascending");
  await expect
    .poll(() => runNames(page))
    .toEqual([
      "FeatureFlow/34",
      "FeatureFlow/29",
      "HelloFlow/5",
      "HelloFlow/2",
      "HelloFlow/1",
      "PredictionFlow/8",
      "PredictionFlow/7",
      "PredictionFlow/3",
      "PredictionFlow/1",
    ]);
  await header(page, "Flow").getByRole("link").click();
  await expect(page).toHaveURL(/sort=flow&dir=desc/);
  await expectSorted(page, "Flow", "descending");
  await expect
    .poll(() => runNames(page))
    .toEqual([
      "PredictionFlow/8",
      "PredictionFlow/7",
      "PredictionFlow/3",
      "PredictionFlow/1",
      "HelloFlow/5",
      "HelloFlow/2",
      "HelloFlow/1",
      "FeatureFlow/34",
      "FeatureFlow/29",
    ]);

  // Started: newest first (the default, so the URL has no sort), again: oldest first.
  await header(page, "Started").getByRole("link").click();
  await expect(page).not.toHaveURL(/sort=/);
  await expectSorted(page, "Started", "descending");
  await expect.poll(() => runNames(page)).toEqual(NEWEST);
  await header(page, "Started").getByRole("link").click();
  await expect(page).toHaveURL(/sort=start&dir=asc/);
  await expectSorted(page, "Started", "ascending");
  await expect.poll(() => runNames(page)).toEqual([...NEWEST].reverse());

  // Duration: longest first, then shortest; runs not finished come last either way.
  await header(page, "Duration").getByRole("link").click();
  await expect(page).toHaveURL(/sort=duration&dir=desc/);
  await expectSorted(page, "Duration", "descending");
  const longest = await apiOrder(page, "namespace=user:anne&sort=duration&dir=desc");
  expect([...longest].sort()).toEqual([...NEWEST].sort());
  await expect.poll(() => runNames(page)).toEqual(longest);
  await header(page, "Duration").getByRole("link").click();
  await expectSorted(page, "Duration", "ascending");
  await expect.poll(() => runNames(page)).toEqual(await apiOrder(page, "namespace=user:anne&sort=duration&dir=asc"));

  // Status: completed, failed, running; the status words come in that order.
  await header(page, "Status").getByRole("link").click();
  await expect(page).toHaveURL(/sort=status&dir=asc/);
  await expectSorted(page, "Status", "ascending");
  await expect.poll(() => runNames(page)).toEqual(await apiOrder(page, "namespace=user:anne&sort=status&dir=asc"));
  const statuses = await page.locator("tbody tr[data-run] td:nth-child(5)").allInnerTexts();
  const rank = (s: string) => ["Completed", "Failed", "Running"].findIndex((w) => s.includes(w));
  expect(statuses.map(rank)).toEqual([...statuses.map(rank)].sort((a, b) => a - b));

  // User, in Global: anne's runs, then will's, then those with no user tag (production).
  await page.goto("/?namespace=global");
  await header(page, "User").getByRole("link").click();
  await expect(page).toHaveURL(/sort=user&dir=asc/);
  await expectSorted(page, "User", "ascending");
  const byUser = await apiOrder(page, "namespace=global&sort=user&dir=asc");
  await expect.poll(() => runNames(page)).toEqual(byUser);
  expect(byUser.slice(-3).sort()).toEqual(["PredictionFlow/4", "PredictionFlow/6", "PredictionFlow/9"]);

  // Group by flow over the list sorted by flow, Z to A.
  await page.goto("/?namespace=user:anne&sort=flow&dir=desc");
  await page.getByLabel("Group by").selectOption("flow");
  await expect(page).toHaveURL(/group=flow/);
  await expect.poll(() => groupHeadings(page)).toEqual(["PredictionFlow", "HelloFlow", "FeatureFlow"]);
  await page.reload();
  await expect(page).toHaveURL(/sort=flow&dir=desc/);
  await expectSorted(page, "Flow", "descending");
  await expect(page.getByLabel("Group by")).toHaveValue("flow");
  await expect.poll(() => groupHeadings(page)).toEqual(["PredictionFlow", "HelloFlow", "FeatureFlow"]);

  // Group by user over Global sorted by user, Z to A: will's group comes before anne's.
  await page.goto("/?namespace=global&sort=user&dir=desc");
  await page.getByLabel("Group by").selectOption("user");
  await expect.poll(async () => (await groupHeadings(page)).slice(0, 2)).toEqual(["will", "anne"]);
  await page.reload();
  await expect(page.getByLabel("Group by")).toHaveValue("user");
  await expectSorted(page, "User", "descending");
  await expect.poll(async () => (await groupHeadings(page)).slice(0, 2)).toEqual(["will", "anne"]);
});
