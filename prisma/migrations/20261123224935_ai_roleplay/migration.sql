-- CreateTable
CREATE TABLE "RoleplayTurn" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "speaker" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "nodeId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RoleplayTurn_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PracticeRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reflectionFramework" TEXT NOT NULL DEFAULT 'what-so-what-now-what',
    "aiRoleplayEnabled" BOOLEAN NOT NULL DEFAULT false,
    "aiMonthlyTokenBudget" INTEGER NOT NULL DEFAULT 200000,
    "transcriptRetentionDays" INTEGER NOT NULL DEFAULT 30,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organisation" ("createdAt", "id", "kind", "name", "reflectionFramework", "slug", "updatedAt") SELECT "createdAt", "id", "kind", "name", "reflectionFramework", "slug", "updatedAt" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");
CREATE TABLE "new_PracticeRun" (
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
    "mode" TEXT NOT NULL DEFAULT 'scripted',
    "tokensIn" INTEGER NOT NULL DEFAULT 0,
    "tokensOut" INTEGER NOT NULL DEFAULT 0,
    "coachFeedback" TEXT,
    CONSTRAINT "PracticeRun_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PracticeRun_scenarioVersionId_fkey" FOREIGN KEY ("scenarioVersionId") REFERENCES "ScenarioVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_PracticeRun" ("confidenceAfter", "confidenceBefore", "endedAt", "id", "lastActivityAt", "organisationId", "practiceSeconds", "scenarioVersionId", "startedAt", "state", "status", "stepCount", "userId") SELECT "confidenceAfter", "confidenceBefore", "endedAt", "id", "lastActivityAt", "organisationId", "practiceSeconds", "scenarioVersionId", "startedAt", "state", "status", "stepCount", "userId" FROM "PracticeRun";
DROP TABLE "PracticeRun";
ALTER TABLE "new_PracticeRun" RENAME TO "PracticeRun";
CREATE INDEX "PracticeRun_userId_status_idx" ON "PracticeRun"("userId", "status");
CREATE INDEX "PracticeRun_organisationId_startedAt_idx" ON "PracticeRun"("organisationId", "startedAt");
CREATE INDEX "PracticeRun_userId_startedAt_idx" ON "PracticeRun"("userId", "startedAt");
CREATE INDEX "PracticeRun_organisationId_endedAt_idx" ON "PracticeRun"("organisationId", "endedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RoleplayTurn_createdAt_idx" ON "RoleplayTurn"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RoleplayTurn_runId_number_key" ON "RoleplayTurn"("runId", "number");

