-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'completed', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "ModelStatus" AS ENUM ('present', 'missing', 'resolving', 'resolved', 'ambiguous', 'not_found', 'needs_auth', 'downloading', 'verifying', 'installed', 'failed', 'skipped');

-- CreateTable
CREATE TABLE "Run" (
    "id" UUID NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "modelsRoot" TEXT NOT NULL,
    "options" JSONB NOT NULL DEFAULT '{}',
    "summary" JSONB,
    "phaseTimings" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunWorkflow" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "path" TEXT NOT NULL,
    "format" TEXT,
    "error" TEXT,
    "content" TEXT,
    "modelCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunWorkflow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelRef" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "folder" TEXT NOT NULL,
    "nodeType" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "workflows" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "workflowUrl" TEXT,
    "hashType" TEXT,
    "hashValue" TEXT,
    "status" "ModelStatus" NOT NULL,
    "foundAt" TEXT,
    "targetPath" TEXT,
    "source" TEXT,
    "url" TEXT,
    "sha256" TEXT,
    "size" BIGINT,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "resolution" JSONB,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ModelRef_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunEvent" (
    "id" BIGSERIAL NOT NULL,
    "runId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Secret" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Secret_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SearchCacheEntry" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchCacheEntry_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "FileHash" (
    "path" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "mtimeMs" DOUBLE PRECISION NOT NULL,
    "sha256" TEXT NOT NULL,
    "hashedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FileHash_pkey" PRIMARY KEY ("path")
);

-- CreateTable
CREATE TABLE "WorkerHeartbeat" (
    "workerId" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "currentRunId" UUID,

    CONSTRAINT "WorkerHeartbeat_pkey" PRIMARY KEY ("workerId")
);

-- CreateIndex
CREATE INDEX "Run_createdAt_idx" ON "Run"("createdAt");

-- CreateIndex
CREATE INDEX "Run_status_idx" ON "Run"("status");

-- CreateIndex
CREATE INDEX "RunWorkflow_runId_idx" ON "RunWorkflow"("runId");

-- CreateIndex
CREATE INDEX "ModelRef_status_idx" ON "ModelRef"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ModelRef_runId_folder_name_key" ON "ModelRef"("runId", "folder", "name");

-- CreateIndex
CREATE UNIQUE INDEX "RunEvent_runId_seq_key" ON "RunEvent"("runId", "seq");

-- CreateIndex
CREATE INDEX "SearchCacheEntry_createdAt_idx" ON "SearchCacheEntry"("createdAt");

-- AddForeignKey
ALTER TABLE "RunWorkflow" ADD CONSTRAINT "RunWorkflow_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelRef" ADD CONSTRAINT "ModelRef_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunEvent" ADD CONSTRAINT "RunEvent_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
