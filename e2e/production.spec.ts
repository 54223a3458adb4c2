// Production deployments: tokens guard redeploys, and every step is audited.
import { expect, test } from "@playwright/test";

test("the demo deployment shows its namespace, runs and history", async ({ page }) => {
  await page.goto("/production");
  const card = page.getByRole("region", { name: "PredictionFlow" });
  await expect(card.getByRole("link", { name: /^production:predictionflow-/ })).toBeVisible();
  await expect(card.getByText("(3 runs)")).toBeVisible();
  await expect(card.getByRole("list", { name: "History of PredictionFlow" })).toContainText("First deployment of PredictionFlow");
});

test("a second person needs the token, then may rotate it", async ({ page, context, baseURL }) => {
  const flow = `ReportFlow${Date.now() % 100000}`;
  await page.goto("/production");
  await page.getByRole("textbox", { name: "Flow", exact: true }).fill(flow);
  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByRole("status")).toContainText(`Deployed ${flow} for the first time`);
  const card = page.getByRole("region", { name: flow });
  const namespace = (await card.getByRole("link", { name: /^production:/ }).textContent())!.trim();
  const token = namespace.slice("production:".length);

  await context.addCookies([{ name: "flowdeck-user", value: "will", url: baseURL! }]);
  await page.reload();
  await page.getByRole("textbox", { name: "Flow", exact: true }).fill(flow);
  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByRole("status")).toContainText(`will is not authorized to deploy ${flow}`);
  await expect(page.getByRole("status")).toContainText("last deployed by anne");

  await page.getByRole("textbox", { name: "Flow", exact: true }).fill(flow);
  await page.getByLabel(/Production token/).fill(token);
  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByRole("status")).toContainText(`Redeployed ${flow}`);
  await expect(card).toContainText("Authorized");
  await expect(card).toContainText("anne, will");

  await page.getByRole("textbox", { name: "Flow", exact: true }).fill(flow);
  await page.getByLabel(/Generate a new token/).check();
  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByRole("status")).toContainText(`Rotated the token of ${flow}`);
  await expect(card.getByRole("link", { name: /^production:/ })).not.toHaveText(namespace);
  const history = card.getByRole("list", { name: `History of ${flow}` });
  for (const label of ["Deployed", "Refused", "Authorized", "New token"]) {
    await expect(history.getByText(label, { exact: true }).first()).toBeVisible();
  }
});

test("a bad flow name is explained, not deployed", async ({ page }) => {
  await page.goto("/production");
  await page.getByRole("textbox", { name: "Flow", exact: true }).fill("not a flow!");
  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByText("A flow name has letters, digits and underscores")).toBeVisible();
});
