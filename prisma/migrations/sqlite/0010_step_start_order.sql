-- CreateIndex
CREATE INDEX "steps_run_id_created_ts_id_idx" ON "steps"("run_id", "created_ts", "id");
