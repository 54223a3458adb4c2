-- CreateTable
CREATE TABLE "audit_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ts" REAL NOT NULL,
    "actor" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "run_id" INTEGER,
    "added" TEXT NOT NULL DEFAULT '[]',
    "removed" TEXT NOT NULL DEFAULT '[]',
    "detail" TEXT
);

-- CreateTable
CREATE TABLE "audit_event_tags" (
    "event_id" INTEGER NOT NULL,
    "tag" TEXT NOT NULL,
    "ts" REAL NOT NULL,

    PRIMARY KEY ("event_id", "tag"),
    CONSTRAINT "audit_event_tags_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "audit_events" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "audit_events_ts_id_idx" ON "audit_events"("ts" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_run_id_ts_id_idx" ON "audit_events"("run_id", "ts" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_actor_ts_id_idx" ON "audit_events"("actor", "ts" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_event_tags_tag_ts_event_id_idx" ON "audit_event_tags"("tag", "ts" DESC, "event_id" DESC);

