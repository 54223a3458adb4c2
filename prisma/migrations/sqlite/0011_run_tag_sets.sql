-- CreateTable (run_id is the rowid: a lookup by run is one B-tree seek)
CREATE TABLE "run_tag_sets" (
    "run_id" INTEGER NOT NULL PRIMARY KEY,
    "tags_json" TEXT NOT NULL,
    CONSTRAINT "run_tag_sets_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- A run's tags in one row, [tag, system] pairs as JSON, kept by these triggers
-- on every change of run_tags, whoever makes it. Each applies the change
-- itself (a pair added or taken out) rather than reading run_tags again.
INSERT INTO "run_tag_sets" ("run_id", "tags_json")
SELECT t.run_id, json_group_array(json_array(t.tag, t.system)) FROM run_tags t GROUP BY t.run_id;

CREATE TRIGGER "run_tag_sets_after_insert" AFTER INSERT ON "run_tags" BEGIN
  INSERT INTO "run_tag_sets" ("run_id", "tags_json") VALUES (NEW.run_id, json_array(json_array(NEW.tag, NEW.system)))
  ON CONFLICT ("run_id") DO UPDATE SET "tags_json" = json_insert("tags_json", '$[#]', json_array(NEW.tag, NEW.system));
END;

CREATE TRIGGER "run_tag_sets_after_delete" AFTER DELETE ON "run_tags" BEGIN
  UPDATE "run_tag_sets" SET "tags_json" = (
    SELECT json_group_array(json(e.value)) FROM json_each("run_tag_sets"."tags_json") e WHERE json_extract(e.value, '$[0]') IS NOT OLD.tag
  ) WHERE "run_id" = OLD.run_id;
END;

-- Updates of run_tags change their owner only; should a tag or its kind change, the run's set is read again.
CREATE TRIGGER "run_tag_sets_after_update" AFTER UPDATE OF "run_id", "tag", "system" ON "run_tags" BEGIN
  DELETE FROM "run_tag_sets" WHERE "run_id" IN (OLD.run_id, NEW.run_id);
  INSERT INTO "run_tag_sets" ("run_id", "tags_json")
  SELECT t.run_id, json_group_array(json_array(t.tag, t.system)) FROM run_tags t WHERE t.run_id IN (OLD.run_id, NEW.run_id) GROUP BY t.run_id;
END;
