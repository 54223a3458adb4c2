-- CreateIndex
CREATE INDEX "runs_finished_ts_created_ts_id_idx" ON "runs"("finished_ts", "created_ts" DESC, "id" DESC);


-- Written by hand (Prisma cannot declare an index on an expression): the runs
-- list by duration walks this index in either direction. Runs with no finish
-- time have a NULL here and are read from the index above instead.
CREATE INDEX "runs_duration_id_idx" ON "runs"(("finished_ts" - "created_ts"), "id");
