-- CreateEnum
CREATE TYPE "CodeSourceKind" AS ENUM ('archive', 'git');

-- CreateTable
CREATE TABLE "code_source" (
    "instance_id" UUID NOT NULL,
    "partner_id" UUID NOT NULL,
    "kind" "CodeSourceKind" NOT NULL,
    "git_url" TEXT,
    "git_ref" TEXT,
    "git_credentials_encrypted" TEXT,
    "archive" BYTEA,
    "archive_name" TEXT,
    "archive_size" INTEGER,
    "archive_sha256" CHAR(64),
    "modules" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "code_source_pkey" PRIMARY KEY ("instance_id")
);

-- CreateIndex
CREATE INDEX "code_source_partner_id_idx" ON "code_source"("partner_id");

-- CreateIndex
CREATE UNIQUE INDEX "code_source_instance_id_partner_id_key" ON "code_source"("instance_id", "partner_id");

-- AddForeignKey
ALTER TABLE "code_source" ADD CONSTRAINT "code_source_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "code_source" ADD CONSTRAINT "code_source_instance_id_partner_id_fkey" FOREIGN KEY ("instance_id", "partner_id") REFERENCES "instance"("id", "partner_id") ON DELETE CASCADE ON UPDATE CASCADE;
