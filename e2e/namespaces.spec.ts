// Namespaces in the browser: a run outside the namespace is never shown
// silently, the flows page's latest run follows the namespace, the namespaces
// page lists what exists, and "Go to pathspec" opens runs.
//
// Switching remembers the namespace for the person acting. Each journey acts as
// a person of its own (e2e/fixtures.ts) and names anne's namespace in the URL,
// so what it remembers never changes what other journeys see by default.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

test.beforeEach(async ({ person }) => {
  test.info().annotations.push({ type: "acting as", description: person });
});

const runHeading = (page: Page, pathspec: string) => page.getByRole("heading", { level: 1, name: pathspec, exact: true });

test("a run outside the namespace shows where it is, and switching to user:will shows it", async ({ page }) => {
  await page.goto("/runs/PredictionFlow/5?namespace=user:anne");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("PredictionFlow/5 is not in namespace user:anne");
  const options = page.getByRole("list", { name: "Namespaces of this run" });
  await expect(options.getByRole("link")).toHaveText(["Switch to user:will", "Switch to experiment:lr-sweep", "Switch to Global"]);
  await expect(page.getByRole("heading", { name: /^Steps/ })).toHaveCount(0);

  await options.getByRole("link", { name: "Switch to user:will" }).click();
  await expect(page).toHaveURL(/\/runs\/PredictionFlow\/5\?namespace=user%3Awill$/);
  await expect(runHeading(page, "PredictionFlow/5")).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Steps/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Steps" }).getByRole("heading", { level: 3 })).toHaveText(["start", "train", "join", "end"]);

  // The choice is remembered: without ?namespace= the run now opens in user:will.
  await page.goto("/runs/PredictionFlow/5");
  await expect(runHeading(page, "PredictionFlow/5")).toBeVisible();
  await expect(page.getByText("in namespace user:will")).toBeVisible();
});

test("the Global button shows the run too", async ({ page }) => {
  await page.goto("/runs/PredictionFlow/5?namespace=user:anne");
  await page.getByRole("link", { name: "Switch to Global" }).click();
  await expect(page).toHaveURL(/\?namespace=global$/);
  await expect(runHeading(page, "PredictionFlow/5")).toBeVisible();
  await expect(page.getByText("in namespace Global")).toBeVisible();
});

test("an unknown run says it does not exist, with a real 404", async ({ page }) => {
  // The run page does not stream (no loading.tsx above it), so its status is the truth.
  const response = await page.goto("/runs/PredictionFlow/999?namespace=global");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Run PredictionFlow/999 does not exist");
});

test("the flows page shows anne's latest PredictionFlow run, and in Global says latest is by anyone", async ({ page }) => {
  await page.goto("/flows?namespace=user:anne");
  const prediction = page.getByRole("region", { name: "PredictionFlow" });
  await expect(prediction.getByRole("link", { name: "PredictionFlow/8", exact: true })).toBeVisible();
  await expect(prediction.getByRole("list", { name: "Status history of PredictionFlow" }).getByRole("link")).toHaveCount(4);
  await expect(page.getByRole("note")).toHaveCount(0);

  await page.goto("/flows?namespace=user:will");
  await expect(page.getByRole("region", { name: "PredictionFlow" }).getByRole("link", { name: "PredictionFlow/5", exact: true })).toBeVisible();

  await page.goto("/flows?namespace=global");
  await expect(page.getByRole("note")).toContainText("latest” means the latest run by anyone");
  await expect(page.getByRole("region", { name: "PredictionFlow" }).getByRole("link", { name: "PredictionFlow/9", exact: true })).toBeVisible();
});

test("the namespaces page lists users, production and tags with counts; one click switches", async ({ page }) => {
  await page.goto("/namespaces?namespace=user:anne");
  await expect(page.getByRole("heading", { level: 1, name: "Namespaces" })).toBeVisible();
  const row = (name: string | RegExp) => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
  await expect(row("user:anne (current namespace)")).toContainText("9");
  await expect(row("user:anne (current namespace)")).toContainText("Current");
  await expect(row("Switch to user:will").getByRole("cell").nth(1)).toHaveText("8");
  await expect(row("Switch to xyz_features").getByRole("cell").nth(1)).toHaveText("4");
  await expect(
    row(/^Switch to production:/)
      .getByRole("cell")
      .nth(1),
  ).toHaveText("3");
  await expect(row(/^Switch to production:/)).toContainText("Production");
  await expect(page.getByRole("rowheader", { name: /runtime:|python_version:|metaflow_version:/ })).toHaveCount(0);

  await page.getByRole("link", { name: "Switch to xyz_features" }).click();
  await expect(page).toHaveURL(/\/\?namespace=xyz_features$/);
  // Remembered: the namespaces page opened plainly marks it as current.
  await page.goto("/namespaces");
  await expect(row("xyz_features (current namespace)")).toContainText("Current");
});

test("Go to pathspec opens a run in the current namespace and explains a bad pathspec", async ({ page }) => {
  await page.goto("/flows?namespace=user:anne");
  const box = page.getByRole("combobox", { name: "Go to pathspec" });
  await box.fill("HelloFlow/2");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/runs\/HelloFlow\/2\?namespace=user%3Aanne$/);
  await expect(runHeading(page, "HelloFlow/2")).toBeVisible();

  await box.fill("HelloFlow/2/hello");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/runs\/HelloFlow\/2\?namespace=user%3Aanne#step-hello$/);

  await box.fill("Hello Flow/2");
  await box.press("Enter");
  await expect(page.getByRole("search", { name: "Go to pathspec" }).getByRole("alert")).toContainText('"Hello Flow" is not a flow name');
  await expect(page).toHaveURL(/#step-hello$/);

  await box.fill("PredictionFlow//8");
  await box.press("Enter");
  await expect(page.getByRole("search", { name: "Go to pathspec" }).getByRole("alert")).toHaveText(
    '"PredictionFlow//8" has an empty part between two slashes: write Flow/run/step/task, such as PredictionFlow/8.',
  );
});

test("Go to pathspec corrects the case of a flow name and says so", async ({ page }) => {
  await page.goto("/?namespace=user:anne");
  const box = page.getByRole("combobox", { name: "Go to pathspec" });
  await box.fill("predictionflow/8");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/runs\/PredictionFlow\/8\?namespace=user%3Aanne$/);
  await expect(page.getByRole("search", { name: "Go to pathspec" }).getByRole("status")).toHaveText("Opened PredictionFlow/8 (you typed predictionflow/8)");
  await expect(runHeading(page, "PredictionFlow/8")).toBeVisible();
});

test("a link to a task opens and highlights it", async ({ page }) => {
  await page.goto("/runs/PredictionFlow/8?namespace=user:anne#task-79");
  const task = page.locator("#task-79");
  await expect(task).toHaveAttribute("data-highlighted", "true");
  await expect(task.locator("details")).toHaveAttribute("open", "");
  await expect(task.getByText("PredictionFlow/8/train/79")).toBeVisible();
  // Going to another task by its link moves the highlight.
  await page.evaluate(() => (window.location.hash = "#task-80"));
  await expect(page.locator("#task-80")).toHaveAttribute("data-highlighted", "true");
  await expect(task).not.toHaveAttribute("data-highlighted");
});

test("a run's address that cannot be shown says why: a bad flow name, a bad namespace", async ({ page }) => {
  await page.goto("/runs/1Flow/8?namespace=global");
  const problem = page.getByRole("main").getByRole("alert");
  await expect(problem.getByRole("heading", { level: 1 })).toHaveText("That is not a run");
  await expect(problem).toContainText('"1Flow" is not a flow name');
  await expect(problem.getByRole("link", { name: "See the flows" })).toBeVisible();

  await page.goto("/runs/PredictionFlow/8?namespace=user%3A");
  await expect(page.getByRole("main").getByRole("alert").getByRole("heading", { level: 1 })).toHaveText("That namespace cannot be used");
});
