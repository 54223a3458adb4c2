// An accessibility scan (axe-core) of the main pages, light and dark: no
// serious or critical violations; plus the skip link and a favicon.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const PAGES = ["/?namespace=user:anne", "/flows", "/namespaces", "/production", "/audit", "/runs/PredictionFlow/8?namespace=user:anne"];

// One journey per page and scheme: a scan takes seconds, and each gets its own time budget.
for (const scheme of ["light", "dark"] as const) {
  for (const path of PAGES) {
    test(`${path} has no serious accessibility violations (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      await expect(page.locator("main h1").first()).toBeVisible();
      const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
      const serious = violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map(
          (v) =>
            `${v.id}: ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(" "))
              .join(" | ")}`,
        );
      expect(serious, `${path} (${scheme})`).toEqual([]);
    });
  }
}

test("a skip link leads past the header, and the page has an icon", async ({ page }) => {
  await page.goto("/?namespace=user:anne");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await skip.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect((await page.request.get(icon!)).status()).toBe(200);
});
