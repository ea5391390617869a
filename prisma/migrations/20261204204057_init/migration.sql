-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ApiScope" AS ENUM ('read', 'write', 'admin');

-- CreateEnum
CREATE TYPE "Protocol" AS ENUM ('xmlrpc', 'jsonrpc');

-- CreateEnum
CREATE TYPE "SecretKind" AS ENUM ('password', 'api_key');

-- CreateEnum
CREATE TYPE "ScanStatus" AS ENUM ('queued', 'running', 'succeeded', 'partial', 'failed');

-- CreateEnum
CREATE TYPE "ScanTrigger" AS ENUM ('schedule', 'manual', 'api');

-- CreateEnum
CREATE TYPE "Dimension" AS ENUM ('security', 'module_health', 'permissions', 'custom_code', 'cron_health', 'performance', 'configuration', 'update_currency', 'compliance');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('critical', 'high', 'medium', 'low', 'info');

-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('open', 'acknowledged', 'resolved', 'accepted_risk', 'false_positive');

-- CreateTable
CREATE TABLE "partner" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "logo" BYTEA,
    "logo_media_type" TEXT,
    "primary_color" TEXT,
    "accent_color" TEXT,
    "hourly_rate" DECIMAL(12,2),
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "business_days" INTEGER[] DEFAULT ARRAY[1, 2, 3, 4, 5]::INTEGER[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "holiday" (
    "id" UUID NOT NULL,
    "partner_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "name" TEXT,

    CONSTRAINT "holiday_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_key" (
    "id" UUID NOT NULL,
    "partner_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" CHAR(64) NOT NULL,
    "scopes" "ApiScope"[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client" (
    "id" UUID NOT NULL,
    "partner_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "client_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_contact" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "role" TEXT,
    "receives_reports" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "client_contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "instance" (
    "id" UUID NOT NULL,
    "partner_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "database" TEXT NOT NULL,
    "login" TEXT NOT NULL,
    "protocol" "Protocol" NOT NULL DEFAULT 'xmlrpc',
    "secret_kind" "SecretKind" NOT NULL DEFAULT 'password',
    "secret_encrypted" TEXT NOT NULL,
    "schedule" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "onboarded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "instance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scan" (
    "id" UUID NOT NULL,
    "partner_id" UUID NOT NULL,
    "instance_id" UUID NOT NULL,
    "status" "ScanStatus" NOT NULL DEFAULT 'queued',
    "trigger" "ScanTrigger" NOT NULL,
    "queued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "series" TEXT,
    "server_version" TEXT,
    "edition" TEXT,
    "build_date" DATE,
    "score" DOUBLE PRECISION,
    "uncapped_score" DOUBLE PRECISION,
    "grade" CHAR(1),
    "dimension_scores" JSONB,
    "coverage" DOUBLE PRECISION,
    "cap" JSONB,
    "scoring_version" TEXT,
    "error" TEXT,
    "facts_gz" BYTEA,
    "report" JSONB,

    CONSTRAINT "scan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "finding" (
    "id" UUID NOT NULL,
    "partner_id" UUID NOT NULL,
    "instance_id" UUID NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "check_id" TEXT NOT NULL,
    "dimension" "Dimension" NOT NULL,
    "severity" "Severity" NOT NULL,
    "title" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "object" JSONB NOT NULL,
    "evidence" JSONB NOT NULL DEFAULT '{}',
    "points" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "effort_hours" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "status" "FindingStatus" NOT NULL DEFAULT 'open',
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "reopened_at" TIMESTAMPTZ(3),
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by" TEXT,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by" TEXT,
    "reason" TEXT,
    "accepted_risk_until" TIMESTAMPTZ(3),

    CONSTRAINT "finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scan_finding" (
    "scan_id" UUID NOT NULL,
    "finding_id" UUID NOT NULL,
    "severity" "Severity" NOT NULL,
    "points" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "scan_finding_pkey" PRIMARY KEY ("scan_id","finding_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "holiday_partner_id_date_key" ON "holiday"("partner_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_prefix_key" ON "api_key"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_hash_key" ON "api_key"("hash");

-- CreateIndex
CREATE INDEX "api_key_partner_id_idx" ON "api_key"("partner_id");

-- CreateIndex
CREATE INDEX "client_partner_id_name_idx" ON "client"("partner_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "client_id_partner_id_key" ON "client"("id", "partner_id");

-- CreateIndex
CREATE INDEX "client_contact_client_id_idx" ON "client_contact"("client_id");

-- CreateIndex
CREATE INDEX "instance_partner_id_idx" ON "instance"("partner_id");

-- CreateIndex
CREATE UNIQUE INDEX "instance_id_partner_id_key" ON "instance"("id", "partner_id");

-- CreateIndex
CREATE UNIQUE INDEX "instance_client_id_name_key" ON "instance"("client_id", "name");

-- CreateIndex
CREATE INDEX "scan_instance_id_queued_at_idx" ON "scan"("instance_id", "queued_at" DESC);

-- CreateIndex
CREATE INDEX "scan_partner_id_status_idx" ON "scan"("partner_id", "status");

-- CreateIndex
CREATE INDEX "finding_partner_id_status_severity_idx" ON "finding"("partner_id", "status", "severity");

-- CreateIndex
CREATE INDEX "finding_instance_id_status_idx" ON "finding"("instance_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "finding_instance_id_fingerprint_key" ON "finding"("instance_id", "fingerprint");

-- CreateIndex
CREATE INDEX "scan_finding_finding_id_idx" ON "scan_finding"("finding_id");

-- AddForeignKey
ALTER TABLE "holiday" ADD CONSTRAINT "holiday_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client" ADD CONSTRAINT "client_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_contact" ADD CONSTRAINT "client_contact_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "instance" ADD CONSTRAINT "instance_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "instance" ADD CONSTRAINT "instance_client_id_partner_id_fkey" FOREIGN KEY ("client_id", "partner_id") REFERENCES "client"("id", "partner_id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scan" ADD CONSTRAINT "scan_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scan" ADD CONSTRAINT "scan_instance_id_partner_id_fkey" FOREIGN KEY ("instance_id", "partner_id") REFERENCES "instance"("id", "partner_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding" ADD CONSTRAINT "finding_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding" ADD CONSTRAINT "finding_instance_id_partner_id_fkey" FOREIGN KEY ("instance_id", "partner_id") REFERENCES "instance"("id", "partner_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scan_finding" ADD CONSTRAINT "scan_finding_scan_id_fkey" FOREIGN KEY ("scan_id") REFERENCES "scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scan_finding" ADD CONSTRAINT "scan_finding_finding_id_fkey" FOREIGN KEY ("finding_id") REFERENCES "finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;
