-- AlterTable
ALTER TABLE "run_tags" ADD COLUMN "owner" TEXT;

-- Backfill: a run's owner is its one user:/production: tag (null for none or several).
UPDATE "run_tags" SET "owner" = (
    SELECT CASE WHEN COUNT(*) = 1 THEN MIN(o."tag") END FROM "run_tags" o
    WHERE o."run_id" = "run_tags"."run_id" AND (substr(o."tag", 1, 5) = 'user:' OR substr(o."tag", 1, 11) = 'production:')
);

-- CreateIndex
CREATE INDEX "run_tags_owner_tag_created_ts_run_id_idx" ON "run_tags"("owner", "tag", "created_ts" DESC, "run_id" DESC);

