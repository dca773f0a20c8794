-- A run's models become "RunModel" (the workflow's reference is ModelRef in the engine; a run's row is more than that).
ALTER TABLE "ModelRef" RENAME TO "RunModel";
ALTER TABLE "RunModel" RENAME CONSTRAINT "ModelRef_pkey" TO "RunModel_pkey";
ALTER TABLE "RunModel" RENAME CONSTRAINT "ModelRef_runId_fkey" TO "RunModel_runId_fkey";
ALTER INDEX "ModelRef_status_idx" RENAME TO "RunModel_status_idx";
ALTER INDEX "ModelRef_runId_folder_name_key" RENAME TO "RunModel_runId_folder_name_key";

-- The links the run's workflows give for the file, kept with the plan so a resumed run needs no second analysis.
ALTER TABLE "RunModel" ADD COLUMN "links" JSONB NOT NULL DEFAULT '[]';
-- The install target's name below its folder (a name written without an extension gets the published one).
ALTER TABLE "RunModel" ADD COLUMN "targetName" TEXT;
-- The source and URL are the resolution's: read from it, not kept twice.
ALTER TABLE "RunModel" DROP COLUMN "source";
ALTER TABLE "RunModel" DROP COLUMN "url";
UPDATE "RunModel" SET "targetName" = replace("name", '\', '/') WHERE "targetPath" IS NOT NULL;

-- A name or folder that cannot be installed safely is that model's status, not the run's failure.
ALTER TYPE "ModelStatus" ADD VALUE 'refused';
-- A file loaded by an unknown node, with nothing that tells its folder, is reported for a person instead of downloaded.
ALTER TYPE "ModelStatus" ADD VALUE 'unplaced';

-- Liveness is held once: the run names its worker, and the worker's heartbeat says whether it is alive.
ALTER TABLE "Run" ADD COLUMN "workerId" TEXT;
DROP INDEX "Run_status_heartbeatAt_idx";
ALTER TABLE "Run" DROP COLUMN "heartbeatAt";
ALTER TABLE "WorkerHeartbeat" DROP COLUMN "currentRunId";
CREATE INDEX "Run_status_workerId_idx" ON "Run"("status", "workerId");
CREATE INDEX "WorkerHeartbeat_lastSeenAt_idx" ON "WorkerHeartbeat"("lastSeenAt");
-- A pick for a model while its run is going: the worker sees it before it finishes the run (under the run's row lock).
ALTER TABLE "Run" ADD COLUMN "pendingWork" BOOLEAN NOT NULL DEFAULT false;

-- Events carry their fields at the top level, one shape per type (no `data` bag); a log's level is `level`.
UPDATE "RunEvent" SET "payload" = ("payload" - 'data') || COALESCE("payload"->'data', '{}'::jsonb) WHERE "payload" ? 'data';
UPDATE "RunEvent" SET "payload" = ("payload" - 'status') || jsonb_build_object('level', COALESCE("payload"->'status', '"info"'::jsonb))
  WHERE "type" = 'log';
UPDATE "RunEvent" SET "payload" = jsonb_set("payload", '{message}', '""'::jsonb) WHERE "type" = 'log' AND NOT "payload" ? 'message';
