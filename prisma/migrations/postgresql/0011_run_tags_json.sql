-- AlterTable
ALTER TABLE "runs" ADD COLUMN     "tags_json" TEXT NOT NULL DEFAULT '[]';


-- The run's tags as JSON [tag, system] pairs, kept by these triggers on every
-- change of run_tags whoever makes it, so that lists read one column instead
-- of gathering run_tags for every run. One refresh per statement (transition
-- tables), however many tags it wrote.
UPDATE "runs" r SET "tags_json" = COALESCE((SELECT json_agg(json_build_array(t.tag, t.system))::text FROM run_tags t WHERE t.run_id = r.id), '[]')
WHERE EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.id);

CREATE FUNCTION "refresh_run_tags_json"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Waits for any other transaction editing these runs' tags (in id order, as
  -- lockRuns takes them); the UPDATE below, a new statement, then reads their
  -- committed tags too: under READ COMMITTED a statement that waited for a
  -- row lock would still read run_tags as they were when it began.
  PERFORM 1 FROM "runs" WHERE id IN (SELECT run_id FROM changed) ORDER BY id FOR UPDATE;
  UPDATE "runs" r SET "tags_json" = COALESCE((SELECT json_agg(json_build_array(t.tag, t.system))::text FROM run_tags t WHERE t.run_id = r.id), '[]')
  WHERE r.id IN (SELECT run_id FROM changed);
  RETURN NULL;
END $$;

CREATE TRIGGER "run_tags_json_after_insert" AFTER INSERT ON "run_tags"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "refresh_run_tags_json"();
CREATE TRIGGER "run_tags_json_after_delete" AFTER DELETE ON "run_tags"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "refresh_run_tags_json"();
-- Updates of run_tags (today only their owner) refresh too.
CREATE TRIGGER "run_tags_json_after_update" AFTER UPDATE ON "run_tags"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "refresh_run_tags_json"();
