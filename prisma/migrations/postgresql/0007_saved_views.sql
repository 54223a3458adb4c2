-- CreateTable
CREATE TABLE "saved_views" (
    "id" SERIAL NOT NULL,
    "user_name" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "created_ts" DOUBLE PRECISION NOT NULL,
    "updated_ts" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "saved_views_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "saved_views_updated_ts_idx" ON "saved_views"("updated_ts" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "saved_views_user_name_name_key" ON "saved_views"("user_name", "name");

