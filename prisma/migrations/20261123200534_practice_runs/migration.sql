-- CreateTable
CREATE TABLE "PracticeRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "scenarioVersionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'in-progress',
    "state" TEXT NOT NULL,
    "stepCount" INTEGER NOT NULL DEFAULT 0,
    "confidenceBefore" INTEGER,
    "confidenceAfter" INTEGER,
    "practiceSeconds" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastActivityAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    CONSTRAINT "PracticeRun_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PracticeRun_scenarioVersionId_fkey" FOREIGN KEY ("scenarioVersionId") REFERENCES "ScenarioVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PracticeStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "nodeId" TEXT NOT NULL,
    "choiceId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PracticeStep_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PracticeRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PracticeRun_userId_status_idx" ON "PracticeRun"("userId", "status");

-- CreateIndex
CREATE INDEX "PracticeRun_organisationId_startedAt_idx" ON "PracticeRun"("organisationId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PracticeStep_runId_number_key" ON "PracticeStep"("runId", "number");

