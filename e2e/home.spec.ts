import { expect, test } from "@playwright/test";

test("the home page lists demo runs under a heading", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: /PredictionFlow/ }).first()).toBeVisible();
});

test("the header links home and to every section", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("banner").getByRole("link", { name: "Flowdeck" })).toHaveAttribute("href", "/");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const [name, href] of [
    ["Runs", "/"],
    ["Flows", "/flows"],
    ["Namespaces", "/namespaces"],
    ["Views", "/views"],
    ["Production", "/production"],
    ["Audit", "/audit"],
  ]) {
    await expect(nav.getByRole("link", { name, exact: true })).toHaveAttribute("href", href);
  }
  await expect(nav.getByRole("link", { name: "Runs", exact: true })).toHaveAttribute("aria-current", "page");
});
