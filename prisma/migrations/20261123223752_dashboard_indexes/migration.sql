-- CreateIndex
CREATE INDEX "PracticeRun_userId_startedAt_idx" ON "PracticeRun"("userId", "startedAt");

-- CreateIndex
CREATE INDEX "PracticeRun_organisationId_endedAt_idx" ON "PracticeRun"("organisationId", "endedAt");

-- CreateIndex
CREATE INDEX "Reflection_organisationId_sharedAt_idx" ON "Reflection"("organisationId", "sharedAt");

