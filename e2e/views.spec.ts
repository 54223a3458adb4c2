// Saved views: save the runs list as it is, open it from its own URL in a
// fresh browser, find it in the palette, rename and delete it. As a person of
// the journey's own (e2e/fixtures.ts), whose views are theirs alone.
import { expect, test } from "./fixtures";

test("save a view, open it from its URL in a fresh browser, rename and delete it", async ({ page, browser, baseURL, person }) => {
  test.info().annotations.push({ type: "acting as", description: person });
  await page.goto("/?namespace=global&tag=crazy_test&status=completed");
  await expect(page.locator('[data-run="HelloFlow/6"]')).toBeVisible();
  await page.getByRole("button", { name: "Save view" }).click();
  await page.getByRole("textbox", { name: "View name" }).fill("Completed crazy tests");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const saved = page.getByRole("status").filter({ hasText: "Saved the view" });
  await expect(saved).toHaveText(/Saved the view "Completed crazy tests"/);
  const href = await saved.getByRole("link", { name: "Its link" }).getAttribute("href");
  expect(href).toMatch(/^\/views\/\d+$/);

  // A fresh context: no cookies, no remembered namespace, only the URL.
  const fresh = await browser.newContext({ baseURL });
  const other = await fresh.newPage();
  await other.goto(href!);
  await expect(other).toHaveURL(/\/\?namespace=global&tag=crazy_test&status=completed$/);
  await expect(other.getByTestId("namespace-in-effect")).toContainText("Global");
  await expect(other.getByRole("list", { name: "Active filters" })).toContainText("crazy_test");
  await expect
    .poll(() => other.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-run"))))
    .toEqual(["HelloFlow/6", "HelloFlow/4", "HelloFlow/2", "HelloFlow/1"]); // the completed crazy_test runs
  await fresh.close();

  // The same name twice is refused, saying why.
  await page.goto("/?namespace=user:anne");
  await page.getByRole("button", { name: "Save view" }).click();
  await page.getByRole("textbox", { name: "View name" }).fill("Completed crazy tests");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "already have a view" })).toBeVisible();

  await page.getByRole("link", { name: "Views", exact: true }).click();
  const mine = page.getByRole("list", { name: "Your views" });
  await mine.getByRole("button", { name: "Rename Completed crazy tests" }).click();
  await page.getByRole("textbox", { name: "New name for Completed crazy tests" }).fill("Crazy, done");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(mine.getByRole("link", { name: "Crazy, done" })).toBeVisible();

  await page.keyboard.press("Control+k");
  await page.getByPlaceholder(/Jump to a run/).fill("view crazy");
  await expect(page.getByRole("option", { name: /Crazy, done/ })).toBeVisible();
  await page.keyboard.press("Escape");

  await mine.getByRole("button", { name: "Delete Crazy, done" }).click();
  await expect(page.getByText("You have no saved views yet")).toBeVisible();
  expect((await page.request.get(href!, { maxRedirects: 0 })).status()).toBe(404);
});

test("a view keeps its columns and order: opening it restores them", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000); // a long journey: a dozen page loads
  await page.goto("/?namespace=global&tag=crazy_test");
  await expect(page.locator('[data-run="HelloFlow/6"]')).toBeVisible();
  await page.getByText("Columns", { exact: true }).click();
  await page.getByRole("checkbox", { name: "Tags" }).uncheck();
  await expect(page).toHaveURL(/columns=flow%2Cuser%2Cstatus%2Cstarted%2Cduration/);
  await page.getByRole("checkbox", { name: "User" }).uncheck();
  await expect(page).toHaveURL(/columns=flow%2Cstatus%2Cstarted%2Cduration(&|$)/);
  await expect(page.getByRole("columnheader", { name: "Tags" })).toHaveCount(0);
  await page.getByRole("columnheader", { name: "Flow", exact: true }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=flow&dir=asc/);

  await page.getByRole("button", { name: "Save view" }).click();
  await page.getByRole("textbox", { name: "View name" }).fill("Crazy tests, lean");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const saved = page.getByRole("status").filter({ hasText: "Saved the view" });
  const href = await saved.getByRole("link", { name: "Its link" }).getAttribute("href");

  const fresh = await browser.newContext({ baseURL });
  const other = await fresh.newPage();
  await other.goto(href!);
  await expect(other).toHaveURL(/\/\?namespace=global&tag=crazy_test&sort=flow&dir=asc&columns=flow%2Cstatus%2Cstarted%2Cduration$/);
  for (const shown of ["Flow", "Run", "Status", "Started", "Duration"])
    await expect(other.getByRole("columnheader", { name: shown, exact: true })).toBeVisible();
  for (const hidden of ["User", "Tags"]) await expect(other.getByRole("columnheader", { name: hidden, exact: true })).toHaveCount(0);
  await expect(other.locator("thead th")).toHaveCount(6);
  await expect(other.getByRole("columnheader", { name: "Flow", exact: true })).toHaveAttribute("aria-sort", "ascending");
  await expect(other.getByText(/Columns \(4 of 6\)/)).toBeVisible();
  await fresh.close();

  await page.goto("/views");
  const mine = page.getByRole("list", { name: "Your views" });
  await mine.getByRole("button", { name: "Delete Crazy tests, lean" }).click();
  await expect(mine.getByRole("link", { name: "Crazy tests, lean" })).toHaveCount(0);
});
