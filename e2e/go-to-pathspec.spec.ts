// "Go to pathspec" suggests as you type (issue 12): flows whatever the case,
// then the runs of the flow typed, in the namespace; keyboard only.
import { expect, test } from "@playwright/test";

test("type predic, pick PredictionFlow, type /, see its runs, open one", async ({ page }) => {
  test.setTimeout(60_000); // two page loads and a handful of suggestion requests
  await page.goto("/?namespace=user:anne");
  const box = page.getByRole("combobox", { name: "Go to pathspec" });
  const list = page.getByRole("listbox", { name: "Go to pathspec" });
  await box.fill("predic");
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await expect(list.getByRole("option", { name: "PredictionFlow", exact: true })).toBeVisible();
  await box.press("ArrowDown");
  await expect(list.getByRole("option", { name: "PredictionFlow", exact: true })).toHaveAttribute("aria-selected", "true");
  await box.press("Enter");
  await expect(box).toHaveValue("PredictionFlow");

  await box.press("/");
  await expect(box).toHaveValue("PredictionFlow/");
  // anne's runs of the flow, newest first; production's 9 is not in her namespace.
  await expect
    .poll(() => list.getByRole("option").evaluateAll((os) => os.map((o) => o.firstElementChild?.textContent)))
    .toEqual(["PredictionFlow/8", "PredictionFlow/7", "PredictionFlow/3", "PredictionFlow/1"]);
  await box.press("ArrowDown");
  await box.press("ArrowDown");
  await expect(box).toHaveAttribute("aria-activedescendant", /.+/);
  await box.press("Enter");
  await expect(page).toHaveURL(/\/runs\/PredictionFlow\/7\?namespace=user%3Aanne$/);
  await expect(page.getByRole("heading", { level: 1, name: "PredictionFlow/7", exact: true })).toBeVisible();
});
