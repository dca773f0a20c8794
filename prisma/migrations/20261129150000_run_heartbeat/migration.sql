-- A running run's worker touches heartbeatAt every second; a stale one means the worker died and the run is taken up again.
ALTER TABLE "Run" ADD COLUMN "heartbeatAt" TIMESTAMP(3);
CREATE INDEX "Run_status_heartbeatAt_idx" ON "Run"("status", "heartbeatAt");
