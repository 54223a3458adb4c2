// Editing tags as anne (FLOWDECK_USER=anne): one run on its page, many runs
// from the list, and the history of each change. Each journey seeds anne's
// runs of a flow of its own and uses tags of its own (e2e/fixtures.ts).
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const userTags = (page: Page) => page.getByRole("list", { name: "User tags" });
const rows = (page: Page) => page.locator("tbody tr");
const runNames = (page: Page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-run")));

async function addTag(page: Page, tag: string) {
  const box = page.getByRole("combobox", { name: "Add a tag" });
  await box.fill(tag);
  await box.press("Escape"); // close the suggestions, so Enter submits the typed text
  await box.press("Enter");
}

test.describe("tag editing", () => {
  test("add, filter by, rename and remove a tag on one run; system tags are locked", async ({ page, seed }) => {
    const flow = seed.name("TagsFlow");
    const [run] = (await seed.seed({ runs: [{ flow, user: "anne", shape: "PredictionFlow", runNumber: 3, tags: ["baseline"] }] })).runs;
    const reviewed = seed.name("e2e-reviewed-");
    const approved = seed.name("e2e-approved-");
    await page.goto(`/?namespace=user:anne&flow=${flow}`);
    await page.getByRole("link", { name: run, exact: true }).click();
    await expect(page.getByRole("heading", { name: run })).toBeVisible();
    await expect(userTags(page).getByRole("link")).toHaveText(["baseline"]);

    await addTag(page, reviewed);
    await expect(userTags(page).getByRole("link", { name: reviewed })).toBeVisible();
    // The server agrees: a fresh load shows it, and the list filters by it.
    await page.reload();
    await expect(userTags(page).getByRole("link")).toHaveText(["baseline", reviewed]);
    await userTags(page).getByRole("link", { name: reviewed }).click();
    await expect(page).toHaveURL(new RegExp(`tag=${reviewed}`));
    await expect.poll(() => runNames(page)).toEqual([run]);
    await page.getByRole("link", { name: run, exact: true }).click();

    // Rename in one step.
    await page.getByRole("button", { name: `Rename tag ${reviewed}` }).click();
    await page.getByRole("textbox", { name: `New name for ${reviewed}` }).fill(approved);
    await page.getByRole("button", { name: "Rename", exact: true }).click();
    await expect(userTags(page).getByRole("link")).toHaveText(["baseline", approved]);

    await page.getByRole("button", { name: `Remove tag ${approved}` }).click();
    await expect(userTags(page).getByRole("link")).toHaveText(["baseline"]);

    // System tags: no remove button; focusing one says why.
    const systemTags = page.getByRole("list", { name: "System tags" });
    await expect(page.getByRole("button", { name: "Remove tag user:anne" })).toHaveCount(0);
    await systemTags.getByRole("link", { name: /user:anne/ }).focus();
    await expect(page.getByRole("tooltip")).toBeVisible();
    await expect(page.getByRole("tooltip")).toHaveText(/set by Metaflow when the run started/);

    // A 501-character tag is refused with the server's message; nothing changes.
    await addTag(page, "x".repeat(501));
    await expect(page.getByRole("alert").filter({ hasText: "501" })).toHaveText("Tag is too long 501 > 500");
    await expect(userTags(page).getByRole("link")).toHaveText(["baseline"]);
    await page.reload();
    await expect(userTags(page).getByRole("link")).toHaveText(["baseline"]);

    // The history names each change and who made it.
    const history = page.getByRole("list", { name: "Tag history" });
    await expect(history.getByRole("listitem")).toHaveCount(3);
    await expect(history.getByRole("listitem").nth(0)).toHaveText(new RegExp(`^anne removed ${approved} · .* via the dashboard$`));
    await expect(history.getByRole("listitem").nth(1)).toHaveText(new RegExp(`^anne added ${approved}, removed ${reviewed}`));
    await expect(history.getByRole("listitem").nth(2)).toHaveText(new RegExp(`^anne added ${reviewed}`));
  });

  test("a tag added elsewhere appears on the open page live", async ({ page, request, seed }) => {
    const [run] = (await seed.seed({ runs: [{ flow: seed.name("LiveTagsFlow"), user: "anne", shape: "PredictionFlow", runNumber: 1 }] })).runs;
    await page.goto(`/runs/${run}?namespace=user:anne`);
    await expect(userTags(page)).toHaveCount(0);
    // The page listens before the tags change elsewhere.
    await expect(page.locator('[data-live-state="live"]')).toBeVisible();
    const added = await request.patch(`/api/v1/runs/${run}/tags`, { data: { add: ["e2e-live"] } });
    expect(added.status()).toBe(200);
    await expect(userTags(page).getByRole("link", { name: "e2e-live" })).toBeVisible();
    const removed = await request.patch(`/api/v1/runs/${run}/tags`, { data: { remove: ["e2e-live"] } });
    expect(removed.status()).toBe(200);
    await expect(userTags(page)).toHaveCount(0);
  });

  test("bulk: select three runs, tag them, then select all matching and untag", async ({ page, seed }) => {
    const flow = seed.name("BulkFlow");
    const bulk = seed.name("e2e-bulk-");
    await seed.seed({ runs: [1, 2, 5].map((runNumber) => ({ flow, user: "anne", shape: "HelloFlow" as const, runNumber })) });
    const [run1, run2, run5] = [1, 2, 5].map((n) => `${flow}/${n}`);
    await page.goto(`/?namespace=user:anne&flow=${flow}`);
    // anne's runs of this flow, oldest last.
    await expect.poll(() => runNames(page)).toEqual([run5, run2, run1]);
    await page.getByRole("checkbox", { name: `Select ${run5}` }).click();
    await page.getByRole("checkbox", { name: `Select ${run1}` }).click({ modifiers: ["Shift"] });
    await expect(page.getByRole("checkbox", { name: `Select ${run2}` })).toBeChecked();
    const bar = page.getByRole("region", { name: "Bulk tag edit" });
    await expect(bar).toContainText("3 runs selected");
    await bar.getByRole("button", { name: "Add tags" }).click();
    await bar.getByRole("combobox", { name: "Tag to add" }).fill(bulk);
    await bar.getByRole("button", { name: "Add to 3 runs" }).click();
    await expect(page.getByRole("status").filter({ hasText: bulk })).toHaveText(`Added ${bulk} to 3 runs`);

    await page.goto(`/?namespace=user:anne&tag=${bulk}`);
    await expect.poll(() => runNames(page)).toEqual([run5, run2, run1]);
    await page.getByRole("checkbox", { name: "Select all loaded runs" }).check();
    await bar.getByRole("button", { name: "Select all 3 runs matching this filter" }).click();
    await expect(bar).toContainText("All 3 runs matching this filter are selected");
    await bar.getByRole("button", { name: "Remove tags" }).click();
    await bar.getByRole("combobox", { name: "Tag to remove" }).fill(bulk);
    await bar.getByRole("button", { name: "Remove from 3 runs" }).click();
    await expect(page.getByRole("status").filter({ hasText: bulk })).toHaveText(`Removed ${bulk} from 3 runs`);
    await expect(page.getByText("No run matches these filters")).toBeVisible();

    // Each run's history and the Audit page show both changes, by anne.
    await page.goto(`/runs/${run2}?namespace=user:anne`);
    const history = page.getByRole("list", { name: "Tag history" });
    await expect(history.getByRole("listitem").nth(0)).toHaveText(new RegExp(`^anne removed ${bulk}`));
    await expect(history.getByRole("listitem").nth(1)).toHaveText(new RegExp(`^anne added ${bulk}`));
    await page.getByRole("link", { name: "Audit" }).click();
    await page.getByRole("textbox", { name: "Tag" }).fill(bulk);
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(new RegExp(`tag=${bulk}`));
    await expect(page.locator("tbody tr")).toHaveCount(6);
    await expect(page.locator("tbody tr").filter({ hasText: run5 })).toHaveCount(2);
  });
});
