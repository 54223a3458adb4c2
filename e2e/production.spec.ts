// Production deployments: tokens guard redeploys, rotation is confirmed, grants
// and revocations, and every step is in the history. As anne, then will. The
// journeys that deploy use flows of their own (e2e/fixtures.ts); the demo's
// PredictionFlow deployment is only read.
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const card = (page: Page, flow: string) => page.getByRole("region", { name: flow });
const status = (page: Page, flow: string, text: string | RegExp) => card(page, flow).getByRole("status").filter({ hasText: text });

async function actAs(page: Page, context: BrowserContext, baseURL: string, user: string) {
  await context.addCookies([{ name: "flowdeck-user", value: user, url: baseURL }]);
  await page.goto("/production");
  await expect(page.getByText(`You deploy as ${user}.`)).toBeVisible();
}

test("the demo deployment shows its namespace, runs and history", async ({ page }) => {
  await page.goto("/production");
  await expect(card(page, "PredictionFlow").getByRole("link", { name: /^production:predictionflow-/ })).toBeVisible();
  await expect(card(page, "PredictionFlow").getByText("(3 runs)")).toBeVisible();
  await expect(card(page, "PredictionFlow").getByRole("list", { name: "History of PredictionFlow" })).toContainText("First deployment of PredictionFlow");
  await expect(page.getByText("guards against deploying by accident, not against a determined person")).toBeVisible();
});

test("anne deploys, will needs the token, anne rotates, grants and revokes; all in the history", async ({ page, context, baseURL, seed }) => {
  // Deployed by anne from the CLI, with 3 production runs, as the demo's PredictionFlow.
  const flow = seed.name("DeployedFlow");
  await seed.seed({
    deployments: [{ flow, user: "anne" }],
    runs: [1, 2, 3].map((runNumber) => ({ flow, user: "anne", shape: "PredictionFlow" as const, runNumber, production: true })),
  });
  const wrongToken = `${flow.toLowerCase()}-wrong`;
  await actAs(page, context, baseURL!, "anne");
  await card(page, flow).getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(status(page, flow, "Redeployed")).toHaveText(new RegExp(`^Redeployed ${flow} with the existing token`));
  const oldNamespace = (await card(page, flow)
    .getByRole("link", { name: /^production:/ })
    .first()
    .textContent())!.trim();
  const token = oldNamespace.slice("production:".length);

  await actAs(page, context, baseURL!, "will");
  const form = page.getByRole("form", { name: `Authorize with a token for ${flow}` });
  await form.getByLabel("Production token").fill(wrongToken);
  await form.getByRole("button", { name: "Deploy with this token" }).click();
  await expect(form.getByRole("status")).toContainText(`will is not authorized to deploy ${flow}`);
  await expect(form.getByRole("status")).toContainText("last deployed by anne");
  await expect(form.getByLabel("Production token")).toHaveValue(wrongToken); // what was typed is kept
  await form.getByLabel("Production token").fill(token);
  await form.getByRole("button", { name: "Deploy with this token" }).click();
  await expect(card(page, flow).getByRole("list", { name: `Authorized for ${flow}` })).toContainText("will");

  await actAs(page, context, baseURL!, "anne");
  await card(page, flow).getByRole("button", { name: "Generate new token" }).click();
  const dialog = page.getByRole("dialog", { name: `Generate a new token for ${flow}?` });
  await expect(dialog).toContainText("starts empty");
  await expect(dialog).toContainText(`The 3 runs in ${oldNamespace} stay there`);
  await dialog.getByRole("button", { name: "Generate new token" }).click();
  await expect(status(page, flow, "New production token")).toContainText(`earlier runs stay in ${oldNamespace}`);
  const newNamespace = (await card(page, flow)
    .getByRole("link", { name: /^production:/ })
    .first()
    .textContent())!.trim();
  expect(newNamespace).not.toBe(oldNamespace);
  const earlier = card(page, flow).getByRole("list", { name: `Earlier namespaces of ${flow}` });
  await expect(earlier.getByRole("listitem").filter({ hasText: oldNamespace })).toContainText("(3 runs");

  await card(page, flow).getByRole("button", { name: "Revoke will" }).click();
  await expect(status(page, flow, "revoked")).toHaveText(`anne revoked will's authorization to deploy ${flow}.`);
  await card(page, flow).getByRole("textbox", { name: "Grant to" }).fill("will");
  await card(page, flow).getByRole("button", { name: "Grant", exact: true }).click();
  await expect(status(page, flow, "authorized will")).toHaveText(`anne authorized will to deploy ${flow}.`);
  await expect(card(page, flow).getByRole("button", { name: "Revoke anne" })).toBeEnabled();

  const history = card(page, flow)
    .getByRole("list", { name: `History of ${flow}` })
    .getByRole("listitem");
  const kinds = await history.evaluateAll((items) => items.map((li) => `${li.children[0].textContent} ${li.children[2].textContent}`));
  expect(kinds.slice(0, 7)).toEqual(["Granted anne", "Revoked anne", "New token anne", "Deployed will", "Authorized will", "Refused will", "Deployed anne"]);

  // The old namespace keeps its runs; the new one starts empty.
  await earlier.getByRole("link", { name: oldNamespace }).click();
  await expect(page.getByTestId("namespace-in-effect")).toContainText(oldNamespace);
  await expect(page.locator("tbody tr")).toHaveCount(3);
  await page.goto("/production");
  await card(page, flow).getByRole("link", { name: newNamespace }).click();
  await expect(page.getByText("No runs in this namespace yet")).toBeVisible();
});

test("a bad flow name is explained, and what was typed stays", async ({ page }) => {
  await page.goto("/production");
  const form = page.getByRole("form", { name: "Deploy a flow" });
  await form.getByRole("textbox", { name: "Flow", exact: true }).fill("not a flow!");
  await form.getByRole("button", { name: "Deploy" }).click();
  await expect(form.getByText("A flow name has letters, digits and underscores")).toBeVisible();
  await expect(form.getByRole("textbox", { name: "Flow", exact: true })).toHaveValue("not a flow!");
});

test("a flow deployed by mistake is retired, and deploying it again starts afresh", async ({ page, seed }) => {
  const flow = seed.name("MisspeltFlow");
  await page.goto("/production");
  const form = page.getByRole("form", { name: "Deploy a flow" });
  await form.getByRole("textbox", { name: "Flow", exact: true }).fill(flow);
  await form.getByRole("button", { name: "Deploy" }).click();
  await expect(form.getByRole("status")).toContainText(`First deployment of ${flow}`);
  await card(page, flow).getByRole("button", { name: "Retire" }).click();
  await page
    .getByRole("dialog", { name: `Retire the deployment of ${flow}?` })
    .getByRole("button", { name: "Retire" })
    .click();
  await expect(card(page, flow)).toContainText("Retired on");
  await expect(
    card(page, flow)
      .getByRole("list", { name: `History of ${flow}` })
      .getByRole("listitem")
      .first(),
  ).toContainText("Retired");
});
