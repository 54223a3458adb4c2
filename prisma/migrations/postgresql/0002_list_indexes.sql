-- DropIndex
DROP INDEX "tag_stats_run_count_idx";

-- CreateIndex
CREATE INDEX "runs_end_status_last_heartbeat_ts_idx" ON "runs"("end_status", "last_heartbeat_ts");

-- CreateIndex
CREATE INDEX "tag_stats_run_count_tag_idx" ON "tag_stats"("run_count" DESC, "tag");

