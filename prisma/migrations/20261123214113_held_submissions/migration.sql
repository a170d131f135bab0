-- CreateTable
CREATE TABLE "SessionLapse" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "lapsedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "HeldSubmission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "fields" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "HeldSubmission_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SessionLapse_lapsedAt_idx" ON "SessionLapse"("lapsedAt");

-- CreateIndex
CREATE INDEX "HeldSubmission_tokenHash_idx" ON "HeldSubmission"("tokenHash");

-- CreateIndex
CREATE INDEX "HeldSubmission_userId_kind_targetId_idx" ON "HeldSubmission"("userId", "kind", "targetId");

-- CreateIndex
CREATE INDEX "HeldSubmission_expiresAt_idx" ON "HeldSubmission"("expiresAt");

