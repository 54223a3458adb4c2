// What "Go to pathspec" suggests, over the demo story on both databases.
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase } from "../setup/databases";
import { loadDemo } from "@/lib/demo/load";
import { suggestPathspecs } from "@/lib/data/pathspec-suggestions";

forEachDatabase("pathspec suggestions", (t) => {
  beforeAll(async () => {
    await loadDemo(t.db);
  });
  const names = async (typed: string, namespace = "user:anne") => (await suggestPathspecs(t.db, typed, namespace)).map((s) => s.pathspec);

  it("suggests flows whose name starts with the text, in any case", async () => {
    expect(await names("predic")).toEqual(["PredictionFlow"]);
    expect(await names("F")).toEqual(["FeatureFlow"]);
    expect(await names("")).toEqual(["FeatureFlow", "HelloFlow", "PredictionFlow"]);
    expect(await names("%")).toEqual([]);
    expect(await names("_")).toEqual([]);
  });

  it("after Flow/, that flow's runs in the namespace, newest first, whose id starts with what follows", async () => {
    expect(await names("PredictionFlow/")).toEqual(["PredictionFlow/8", "PredictionFlow/7", "PredictionFlow/3", "PredictionFlow/1"]);
    expect(await names("predictionflow/")).toEqual(["PredictionFlow/8", "PredictionFlow/7", "PredictionFlow/3", "PredictionFlow/1"]);
    expect(await names("PredictionFlow/", "global")).toContain("PredictionFlow/9");
    expect(await names("PredictionFlow/7")).toEqual(["PredictionFlow/7"]);
    const [run] = await suggestPathspecs(t.db, "PredictionFlow/8", "user:anne");
    expect(run).toMatchObject({ kind: "run", status: expect.stringMatching(/^(completed|failed|running)$/) });
    expect(await names("NoFlow/")).toEqual([]);
    expect(await names("PredictionFlow/8/start")).toEqual([]);
  });
});
