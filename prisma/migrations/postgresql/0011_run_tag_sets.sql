-- CreateTable
CREATE TABLE "run_tag_sets" (
    "run_id" INTEGER NOT NULL,
    "tags_json" TEXT NOT NULL,

    CONSTRAINT "run_tag_sets_pkey" PRIMARY KEY ("run_id")
);

-- AddForeignKey
ALTER TABLE "run_tag_sets" ADD CONSTRAINT "run_tag_sets_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A run's tags in one row, [tag, system] pairs as JSON text, kept by these
-- triggers on every change of run_tags, whoever makes it: once per statement
-- (transition tables), applying the change itself (pairs added or taken out)
-- rather than reading run_tags again. Race-free under READ COMMITTED: an
-- UPDATE or ON CONFLICT DO UPDATE that waited for another transaction's change
-- of the same row applies its delta to the row as that one left it.
INSERT INTO "run_tag_sets" ("run_id", "tags_json")
SELECT t.run_id, json_agg(json_build_array(t.tag, t.system))::text FROM run_tags t GROUP BY t.run_id;

CREATE FUNCTION "run_tag_sets_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "run_tag_sets" AS s ("run_id", "tags_json")
  SELECT c.run_id, jsonb_agg(jsonb_build_array(c.tag, c.system))::text FROM added c GROUP BY c.run_id ORDER BY c.run_id
  ON CONFLICT ("run_id") DO UPDATE SET "tags_json" = (s.tags_json::jsonb || EXCLUDED.tags_json::jsonb)::text;
  RETURN NULL;
END $$;

CREATE FUNCTION "run_tag_sets_remove"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "run_tag_sets" s SET "tags_json" = COALESCE((
      SELECT jsonb_agg(e) FROM jsonb_array_elements(s.tags_json::jsonb) e WHERE NOT (e->>0 = ANY (d.tags))
    ), '[]'::jsonb)::text
  FROM (SELECT run_id, array_agg(tag) AS tags FROM removed GROUP BY run_id) d
  WHERE s.run_id = d.run_id;
  RETURN NULL;
END $$;

-- Updates of run_tags change their owner only; should a tag or its kind change, the run's set is read again.
CREATE FUNCTION "run_tag_sets_reread"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "run_tag_sets" WHERE "run_id" IN (OLD.run_id, NEW.run_id);
  INSERT INTO "run_tag_sets" ("run_id", "tags_json")
  SELECT t.run_id, json_agg(json_build_array(t.tag, t.system))::text FROM run_tags t WHERE t.run_id IN (OLD.run_id, NEW.run_id) GROUP BY t.run_id;
  RETURN NULL;
END $$;

CREATE TRIGGER "run_tag_sets_after_insert" AFTER INSERT ON "run_tags"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "run_tag_sets_add"();
CREATE TRIGGER "run_tag_sets_after_delete" AFTER DELETE ON "run_tags"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "run_tag_sets_remove"();
CREATE TRIGGER "run_tag_sets_after_update" AFTER UPDATE OF "run_id", "tag", "system" ON "run_tags"
  FOR EACH ROW EXECUTE FUNCTION "run_tag_sets_reread"();
