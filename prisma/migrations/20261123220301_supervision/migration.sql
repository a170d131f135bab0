-- CreateTable
CREATE TABLE "SupervisionAgreement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "supervisorId" TEXT NOT NULL,
    "superviseeId" TEXT NOT NULL,
    "frequencyWeeks" INTEGER NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "location" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SupervisionAgreement_supervisorId_fkey" FOREIGN KEY ("supervisorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SupervisionAgreement_superviseeId_fkey" FOREIGN KEY ("superviseeId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SupervisionSeries" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "supervisorId" TEXT NOT NULL,
    "superviseeId" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "firstStartLocal" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "location" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SupervisionSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "supervisorId" TEXT NOT NULL,
    "superviseeId" TEXT NOT NULL,
    "seriesId" TEXT,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "location" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "heldMinutes" INTEGER,
    "recordedAt" DATETIME,
    "notesManagement" TEXT NOT NULL DEFAULT '',
    "notesSupport" TEXT NOT NULL DEFAULT '',
    "notesDevelopment" TEXT NOT NULL DEFAULT '',
    "notesMediation" TEXT NOT NULL DEFAULT '',
    "confirmedAt" DATETIME,
    "superviseeComment" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SupervisionSession_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "SupervisionSeries" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SupervisionSession_supervisorId_fkey" FOREIGN KEY ("supervisorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SupervisionSession_superviseeId_fkey" FOREIGN KEY ("superviseeId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "reflectionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgendaItem_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "SupervisionSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreedAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "supervisorId" TEXT NOT NULL,
    "superviseeId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "doneAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgreedAction_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "SupervisionSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SessionChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "byUserId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SessionChange_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "SupervisionSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "CalendarFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SupervisionAgreement_superviseeId_idx" ON "SupervisionAgreement"("superviseeId");

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionAgreement_supervisorId_superviseeId_key" ON "SupervisionAgreement"("supervisorId", "superviseeId");

-- CreateIndex
CREATE INDEX "SupervisionSession_supervisorId_startsAt_idx" ON "SupervisionSession"("supervisorId", "startsAt");

-- CreateIndex
CREATE INDEX "SupervisionSession_superviseeId_startsAt_idx" ON "SupervisionSession"("superviseeId", "startsAt");

-- CreateIndex
CREATE INDEX "SupervisionSession_organisationId_startsAt_idx" ON "SupervisionSession"("organisationId", "startsAt");

-- CreateIndex
CREATE INDEX "SupervisionSession_seriesId_startsAt_idx" ON "SupervisionSession"("seriesId", "startsAt");

-- CreateIndex
CREATE INDEX "AgendaItem_sessionId_idx" ON "AgendaItem"("sessionId");

-- CreateIndex
CREATE INDEX "AgreedAction_superviseeId_doneAt_idx" ON "AgreedAction"("superviseeId", "doneAt");

-- CreateIndex
CREATE INDEX "AgreedAction_supervisorId_doneAt_idx" ON "AgreedAction"("supervisorId", "doneAt");

-- CreateIndex
CREATE INDEX "SessionChange_sessionId_at_idx" ON "SessionChange"("sessionId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");

-- CreateIndex
CREATE INDEX "CalendarFeed_userId_idx" ON "CalendarFeed"("userId");

