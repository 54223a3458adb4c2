-- AlterTable
ALTER TABLE "deployments" ADD COLUMN "retired_ts" REAL;


-- CreateTable
CREATE TABLE "deployment_tokens" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "deployment_id" INTEGER NOT NULL,
    "token" TEXT NOT NULL,
    "created_ts" REAL NOT NULL,
    "created_by" TEXT NOT NULL,
    "replaced_ts" REAL,
    CONSTRAINT "deployment_tokens_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployments" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_name" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_ts" REAL NOT NULL,
    "revoked_ts" REAL
);

-- CreateIndex
CREATE UNIQUE INDEX "deployment_tokens_token_key" ON "deployment_tokens"("token");

-- CreateIndex
CREATE INDEX "deployment_tokens_deployment_id_id_idx" ON "deployment_tokens"("deployment_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");

-- CreateIndex
CREATE INDEX "audit_events_subject_ts_id_idx" ON "audit_events"("subject", "ts" DESC, "id" DESC);

-- The production history moves into the general audit table, in its order.
INSERT INTO "audit_events" ("ts", "actor", "source", "kind", "subject", "run_id", "added", "removed", "detail")
SELECT e."ts", e."actor", 'ui', e."kind", f."name", NULL, '[]', '[]', json_object('message', e."message", 'token', e."token")
FROM "production_events" e JOIN "deployments" d ON d."id" = e."deployment_id" JOIN "flows" f ON f."id" = d."flow_id"
ORDER BY e."id";

-- Every token a deployment has had (first deployment, rotations), then the current one where no event names it.
INSERT INTO "deployment_tokens" ("deployment_id", "token", "created_ts", "created_by")
SELECT e."deployment_id", e."token", MIN(e."ts"), e."actor" FROM "production_events" e
WHERE e."token" IS NOT NULL GROUP BY e."deployment_id", e."token";
INSERT INTO "deployment_tokens" ("deployment_id", "token", "created_ts", "created_by")
SELECT d."id", d."token", d."created_ts", d."deployed_by" FROM "deployments" d
WHERE NOT EXISTS (SELECT 1 FROM "deployment_tokens" t WHERE t."token" = d."token");
UPDATE "deployment_tokens" SET "replaced_ts" = (
    SELECT MIN(n."created_ts") FROM "deployment_tokens" n
    WHERE n."deployment_id" = "deployment_tokens"."deployment_id" AND n."created_ts" > "deployment_tokens"."created_ts"
) WHERE "token" NOT IN (SELECT d."token" FROM "deployments" d);

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "production_events";
PRAGMA foreign_keys=on;
