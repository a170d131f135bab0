-- AlterTable
ALTER TABLE "Scenario" ADD COLUMN "archivedAt" DATETIME;

-- AlterTable
ALTER TABLE "ScenarioVersion" ADD COLUMN "publishedById" TEXT;

-- CreateTable
CREATE TABLE "ReviewComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "draftId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "nodeId" TEXT,
    "body" TEXT NOT NULL DEFAULT '',
    "round" INTEGER NOT NULL,
    "draftVersion" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReviewComment_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "ScenarioDraft" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "requiredApprovals" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organisation" ("aiMonthlyTokenBudget", "aiRoleplayEnabled", "createdAt", "id", "kind", "name", "reflectionFramework", "slug", "transcriptRetentionDays", "updatedAt") SELECT "aiMonthlyTokenBudget", "aiRoleplayEnabled", "createdAt", "id", "kind", "name", "reflectionFramework", "slug", "transcriptRetentionDays", "updatedAt" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");
CREATE TABLE "new_ScenarioDraft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "reviewRound" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" DATETIME,
    "scenarioId" TEXT,
    "createdById" TEXT NOT NULL,
    "updatedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ScenarioDraft_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScenarioDraft_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ScenarioDraft" ("createdAt", "createdById", "id", "organisationId", "slug", "source", "title", "updatedAt", "updatedById", "version") SELECT "createdAt", "createdById", "id", "organisationId", "slug", "source", "title", "updatedAt", "updatedById", "version" FROM "ScenarioDraft";
DROP TABLE "ScenarioDraft";
ALTER TABLE "new_ScenarioDraft" RENAME TO "ScenarioDraft";
CREATE INDEX "ScenarioDraft_organisationId_updatedAt_idx" ON "ScenarioDraft"("organisationId", "updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ReviewComment_draftId_createdAt_idx" ON "ReviewComment"("draftId", "createdAt");

-- CreateIndex
CREATE INDEX "Scenario_organisationId_slug_idx" ON "Scenario"("organisationId", "slug");

-- CreateIndex
CREATE INDEX "PracticeRun_scenarioVersionId_organisationId_idx" ON "PracticeRun"("scenarioVersionId", "organisationId");

