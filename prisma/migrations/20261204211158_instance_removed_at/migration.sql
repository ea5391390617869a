-- AlterTable
ALTER TABLE "instance" ADD COLUMN     "removed_at" TIMESTAMPTZ(3);
