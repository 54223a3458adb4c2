// The app shell: theme toggle and keyboard shortcuts.
import { expect, keysListen, test } from "./fixtures";

test("dark mode follows the system, toggles, and the choice survives a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).toHaveClass(/\bdark\b/);

  const toggle = page.getByRole("button", { name: "Toggle dark mode" });
  await toggle.click();
  await expect(html).not.toHaveClass(/\bdark\b/);
  await expect(toggle).toHaveAttribute("aria-pressed", "false");

  await page.reload();
  await expect(html).not.toHaveClass(/\bdark\b/);
  expect(await page.evaluate(() => localStorage.getItem("flowdeck-theme"))).toBe("light");
});

test("light system setting gives the light theme", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
});

test("g n goes to namespaces and g r back to runs; typing in a field does not", async ({ page }) => {
  await page.goto("/");
  await keysListen(page);
  await page.locator("body").click({ position: { x: 1, y: 1 } });
  await page.keyboard.press("g");
  await page.keyboard.press("n");
  await expect(page).toHaveURL(/\/namespaces$/);
  await page.keyboard.press("g");
  await page.keyboard.press("r");
  await expect(page).toHaveURL(/\/$/);

  const field = page.locator("[data-search-input]").first();
  if ((await field.count()) > 0) {
    await page.keyboard.press("/");
    await expect(field).toBeFocused();
    await page.keyboard.type("gn");
    await expect(page).toHaveURL(/\/$/);
  }
});

test("? lists every shortcut, and the command palette (Ctrl-K) opens a run", async ({ page, person }) => {
  // The palette's namespace choice is remembered for this journey's own person.
  test.info().annotations.push({ type: "acting as", description: person });
  await page.goto("/?namespace=user:anne");
  await expect(page.locator('[data-run="PredictionFlow/8"]')).toBeVisible();
  await keysListen(page);
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText("Command palette");
  await expect(help).toContainText("Go to Audit");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  await page.keyboard.press("Control+k");
  const input = page.getByPlaceholder(/Jump to a run, flow, namespace or page/);
  await expect(input).toBeFocused();
  await input.fill("FeatureFlow/34");
  await page
    .getByRole("option", { name: /FeatureFlow\/34/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/runs\/FeatureFlow\/34\?namespace=user%3Aanne$/);

  await page.keyboard.press("Control+k");
  await input.fill("predictionflow/8");
  await page.getByRole("option", { name: "Open predictionflow/8" }).click();
  await expect(page).toHaveURL(/\/runs\/PredictionFlow\/8\?namespace=user%3Aanne$/);

  await page.keyboard.press("Control+k");
  await input.fill("namespace xyz");
  await page.getByRole("option", { name: /xyz_features/ }).click();
  await expect(page.getByTestId("namespace-in-effect")).toContainText("xyz_features");
});

test("opening Switch user keeps the theme toggle on the same header line", async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.goto("/?namespace=user:anne");
  const toggle = page.getByRole("button", { name: "Toggle dark mode" });
  const before = (await toggle.boundingBox())!;
  await page.getByRole("button", { name: "Switch user" }).click();
  const input = page.getByRole("textbox", { name: "Act as" });
  await expect(input).toBeVisible();
  const after = (await toggle.boundingBox())!;
  const field = (await input.boundingBox())!;
  expect(Math.abs(after.y - before.y)).toBeLessThan(4);
  expect(Math.abs(after.y + after.height / 2 - (field.y + field.height / 2))).toBeLessThan(12);
  await page.getByRole("button", { name: "Cancel" }).click();
});
