-- AlterTable (ADD COLUMN: SQLite takes a NOT NULL column with a constant default as is)
ALTER TABLE "runs" ADD COLUMN "tags_json" TEXT NOT NULL DEFAULT '[]';

-- The run's tags as JSON [tag, system] pairs, kept by these triggers on every
-- change of run_tags whoever makes it, so that lists read one column instead
-- of gathering run_tags for every run.
UPDATE "runs" SET "tags_json" = (SELECT json_group_array(json_array(t.tag, t.system)) FROM run_tags t WHERE t.run_id = runs.id);

CREATE TRIGGER "run_tags_json_after_insert" AFTER INSERT ON "run_tags" BEGIN
  UPDATE "runs" SET "tags_json" = (SELECT json_group_array(json_array(t.tag, t.system)) FROM run_tags t WHERE t.run_id = NEW.run_id)
  WHERE id = NEW.run_id;
END;

CREATE TRIGGER "run_tags_json_after_delete" AFTER DELETE ON "run_tags" BEGIN
  UPDATE "runs" SET "tags_json" = (SELECT json_group_array(json_array(t.tag, t.system)) FROM run_tags t WHERE t.run_id = OLD.run_id)
  WHERE id = OLD.run_id;
END;

CREATE TRIGGER "run_tags_json_after_update" AFTER UPDATE OF "run_id", "tag", "system" ON "run_tags" BEGIN
  UPDATE "runs" SET "tags_json" = (SELECT json_group_array(json_array(t.tag, t.system)) FROM run_tags t WHERE t.run_id = runs.id)
  WHERE id IN (OLD.run_id, NEW.run_id);
END;
