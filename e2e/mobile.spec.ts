// On a phone (390×844): rows become cards, nothing scrolls sideways, and the
// Namespace menu fits on the screen.
import { expect, test } from "@playwright/test";

test.use({ viewport: { width: 390, height: 844 } });

const sideways = () => document.documentElement.scrollWidth - document.documentElement.clientWidth;

test("the runs list, a run and the namespaces fit a phone's width", async ({ page }) => {
  for (const path of ["/?namespace=user:anne", "/runs/PredictionFlow/8?namespace=user:anne", "/namespaces", "/production", "/audit"]) {
    await page.goto(path);
    await expect(page.locator("main h1").first()).toBeVisible();
    expect(await page.evaluate(sideways), path).toBeLessThanOrEqual(0);
  }
  await page.goto("/?namespace=user:anne");
  // A row is a card: the run link, its status and its tags are all in view.
  const card = page.locator('[data-run="PredictionFlow/8"]');
  await expect(card.getByRole("link", { name: "PredictionFlow/8", exact: true })).toBeInViewport();
  await expect(card.getByRole("link", { name: "user tag candidate" })).toBeInViewport();
});

test("the Namespace menu fits on the screen", async ({ page }) => {
  await page.goto("/?namespace=user:anne");
  await page.getByRole("combobox", { name: "Namespace" }).click();
  const list = page.getByRole("listbox", { name: "Namespace" });
  await expect(list).toBeVisible();
  const box = (await list.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
});
