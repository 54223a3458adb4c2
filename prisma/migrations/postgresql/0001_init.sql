-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "flows" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "user_name" TEXT NOT NULL,
    "created_ts" DOUBLE PRECISION NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "system_tags" TEXT NOT NULL DEFAULT '[]',
    "last_run_number" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "flows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runs" (
    "id" SERIAL NOT NULL,
    "flow_id" INTEGER NOT NULL,
    "flow_name" TEXT NOT NULL,
    "run_number" INTEGER NOT NULL,
    "run_id" TEXT,
    "user_name" TEXT NOT NULL,
    "created_ts" DOUBLE PRECISION NOT NULL,
    "last_heartbeat_ts" DOUBLE PRECISION,
    "origin_run_id" TEXT,
    "end_status" TEXT,
    "finished_ts" DOUBLE PRECISION,
    "tag_version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "run_tags" (
    "run_id" INTEGER NOT NULL,
    "tag" TEXT NOT NULL,
    "system" BOOLEAN NOT NULL,
    "created_ts" DOUBLE PRECISION NOT NULL,
    "flow_id" INTEGER NOT NULL,

    CONSTRAINT "run_tags_pkey" PRIMARY KEY ("run_id","tag")
);

-- CreateTable
CREATE TABLE "tag_stats" (
    "tag" TEXT NOT NULL,
    "system" BOOLEAN NOT NULL,
    "run_count" INTEGER NOT NULL DEFAULT 0,
    "last_ts" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "tag_stats_pkey" PRIMARY KEY ("tag")
);

-- CreateTable
CREATE TABLE "steps" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "user_name" TEXT NOT NULL,
    "created_ts" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tasks" (
    "id" SERIAL NOT NULL,
    "step_id" INTEGER NOT NULL,
    "run_id" INTEGER NOT NULL,
    "task_name" TEXT,
    "user_name" TEXT NOT NULL,
    "created_ts" DOUBLE PRECISION NOT NULL,
    "last_heartbeat_ts" DOUBLE PRECISION,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "attempt_ok" BOOLEAN,
    "finished_ts" DOUBLE PRECISION,

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "metadata" (
    "id" SERIAL NOT NULL,
    "task_id" INTEGER NOT NULL,
    "run_id" INTEGER NOT NULL,
    "field_name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "user_name" TEXT NOT NULL,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "system_tags" TEXT NOT NULL DEFAULT '[]',
    "created_ts" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "metadata_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "artifacts" (
    "id" SERIAL NOT NULL,
    "task_id" INTEGER NOT NULL,
    "run_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "ds_type" TEXT NOT NULL,
    "sha" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "attempt_id" INTEGER NOT NULL,
    "user_name" TEXT NOT NULL,
    "created_ts" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "artifacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "log_lines" (
    "id" SERIAL NOT NULL,
    "task_id" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "stream" TEXT NOT NULL,
    "ts" DOUBLE PRECISION NOT NULL,
    "line" TEXT NOT NULL,

    CONSTRAINT "log_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployments" (
    "id" SERIAL NOT NULL,
    "flow_id" INTEGER NOT NULL,
    "token" TEXT NOT NULL,
    "deployed_by" TEXT NOT NULL,
    "created_ts" DOUBLE PRECISION NOT NULL,
    "updated_ts" DOUBLE PRECISION NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "deployments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployment_authorizations" (
    "deployment_id" INTEGER NOT NULL,
    "user_name" TEXT NOT NULL,
    "granted_ts" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "deployment_authorizations_pkey" PRIMARY KEY ("deployment_id","user_name")
);

-- CreateTable
CREATE TABLE "production_events" (
    "id" SERIAL NOT NULL,
    "deployment_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "token" TEXT,
    "message" TEXT NOT NULL,
    "ts" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "production_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_preferences" (
    "user_name" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "updated_ts" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "user_preferences_pkey" PRIMARY KEY ("user_name")
);

-- CreateIndex
CREATE UNIQUE INDEX "flows_name_key" ON "flows"("name");

-- CreateIndex
CREATE INDEX "runs_created_ts_id_idx" ON "runs"("created_ts" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "runs_flow_id_created_ts_id_idx" ON "runs"("flow_id", "created_ts" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "runs_origin_run_id_idx" ON "runs"("origin_run_id");

-- CreateIndex
CREATE UNIQUE INDEX "runs_flow_id_run_number_key" ON "runs"("flow_id", "run_number");

-- CreateIndex
CREATE UNIQUE INDEX "runs_flow_id_run_id_key" ON "runs"("flow_id", "run_id");

-- CreateIndex
CREATE INDEX "run_tags_tag_created_ts_run_id_idx" ON "run_tags"("tag", "created_ts" DESC, "run_id" DESC);

-- CreateIndex
CREATE INDEX "run_tags_tag_flow_id_created_ts_run_id_idx" ON "run_tags"("tag", "flow_id", "created_ts" DESC, "run_id" DESC);

-- CreateIndex
CREATE INDEX "tag_stats_run_count_idx" ON "tag_stats"("run_count");

-- CreateIndex
CREATE UNIQUE INDEX "steps_run_id_name_key" ON "steps"("run_id", "name");

-- CreateIndex
CREATE INDEX "tasks_run_id_idx" ON "tasks"("run_id");

-- CreateIndex
CREATE INDEX "tasks_step_id_id_idx" ON "tasks"("step_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "tasks_step_id_task_name_key" ON "tasks"("step_id", "task_name");

-- CreateIndex
CREATE INDEX "metadata_task_id_field_name_idx" ON "metadata"("task_id", "field_name");

-- CreateIndex
CREATE INDEX "metadata_run_id_idx" ON "metadata"("run_id");

-- CreateIndex
CREATE INDEX "artifacts_task_id_name_attempt_id_idx" ON "artifacts"("task_id", "name", "attempt_id");

-- CreateIndex
CREATE INDEX "artifacts_run_id_idx" ON "artifacts"("run_id");

-- CreateIndex
CREATE INDEX "log_lines_task_id_stream_attempt_id_idx" ON "log_lines"("task_id", "stream", "attempt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "deployments_flow_id_key" ON "deployments"("flow_id");

-- CreateIndex
CREATE INDEX "production_events_deployment_id_id_idx" ON "production_events"("deployment_id", "id");

-- AddForeignKey
ALTER TABLE "runs" ADD CONSTRAINT "runs_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_tags" ADD CONSTRAINT "run_tags_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "steps" ADD CONSTRAINT "steps_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_step_id_fkey" FOREIGN KEY ("step_id") REFERENCES "steps"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metadata" ADD CONSTRAINT "metadata_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "log_lines" ADD CONSTRAINT "log_lines_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment_authorizations" ADD CONSTRAINT "deployment_authorizations_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "production_events" ADD CONSTRAINT "production_events_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

