-- CreateIndex
CREATE INDEX "tasks_run_id_created_ts_id_idx" ON "tasks"("run_id", "created_ts", "id");

