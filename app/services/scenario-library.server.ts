import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import {
  checkScenarioSource,
  checkSkillsSource,
  formatProblem,
  scenarioContentHash,
  type CheckContext,
} from "~/domain/scenario";
import { prisma } from "./db.server";

/** Where the shipped scenario library lives, relative to the app's folder. */
export type LibraryPaths = { scenariosDir: string; guidanceDir: string };

export const DEFAULT_LIBRARY_PATHS: LibraryPaths = {
  scenariosDir: "scenarios",
  guidanceDir: path.join("content", "guidance"),
};

const SKILLS_FILE_NAME = "skills.yaml";

export async function scenarioFiles(scenariosDir = DEFAULT_LIBRARY_PATHS.scenariosDir): Promise<string[]> {
  const names = await readdir(scenariosDir);
  return names
    .filter((name) => /\.ya?ml$/.test(name) && name !== SKILLS_FILE_NAME)
    .sort()
    .map((name) => path.join(scenariosDir, name));
}

/** The skills vocabulary and the guidance page slugs, or the located problems of a broken skills file. */
export async function loadCheckContext(
  paths: LibraryPaths = DEFAULT_LIBRARY_PATHS,
): Promise<{ context: CheckContext | null; problems: string[] }> {
  const skillsFile = path.join(paths.scenariosDir, SKILLS_FILE_NAME);
  const source = await readFile(skillsFile, "utf8").catch(() => null);
  if (source === null) return { context: null, problems: [`${skillsFile}:1:1: error: the skills vocabulary is missing`] };
  const { skills, problems } = checkSkillsSource(source, skillsFile);
  if (!skills) return { context: null, problems: problems.map(formatProblem) };
  const pages = (await readdir(paths.guidanceDir).catch(() => []))
    .filter((name) => name.endsWith(".md"))
    .map((name) => name.slice(0, -3));
  return { context: { skills: skills.map((skill) => skill.id), guidancePages: pages }, problems: [] };
}

export type LibrarySyncReport = {
  loaded: string[];
  newVersions: string[];
  broken: { fileName: string; problems: string[] }[];
};

async function storeVersion(fileName: string, source: string, content: { id: string; title: string }): Promise<boolean> {
  const contentHash = await scenarioContentHash(source);
  return prisma.$transaction(async (tx) => {
    const existing = await tx.scenario.findFirst({
      where: { origin: "library", organisationId: null, slug: content.id },
      select: { id: true, versions: { select: { number: true, contentHash: true }, orderBy: { number: "desc" } } },
    });
    const scenario =
      existing ??
      (await tx.scenario.create({
        data: { origin: "library", slug: content.id, title: content.title },
        select: { id: true, versions: { select: { number: true, contentHash: true } } },
      }));
    if (scenario.versions.some((version) => version.contentHash === contentHash)) return false;
    await tx.scenarioVersion.create({
      data: {
        scenarioId: scenario.id,
        number: (scenario.versions[0]?.number ?? 0) + 1,
        contentHash,
        source,
        content: JSON.stringify(content),
        fileName,
      },
      select: { id: true },
    });
    await tx.scenario.update({ where: { id: scenario.id }, data: { title: content.title }, select: { id: true } });
    return true;
  });
}

/**
 * Reads every file in the library, checks it, and stores each valid one as a
 * version (a changed file makes a new one; an unchanged file adds nothing). A
 * broken file is skipped and recorded with its located problems, never fatal.
 */
export async function syncScenarioLibrary(paths: LibraryPaths = DEFAULT_LIBRARY_PATHS): Promise<LibrarySyncReport> {
  const report: LibrarySyncReport = { loaded: [], newVersions: [], broken: [] };
  const { context, problems } = await loadCheckContext(paths);
  if (!context) {
    report.broken.push({ fileName: path.join(paths.scenariosDir, SKILLS_FILE_NAME), problems });
  } else {
    for (const fileName of await scenarioFiles(paths.scenariosDir)) {
      const source = await readFile(fileName, "utf8");
      const result = checkScenarioSource(source, fileName, context);
      if (!result.scenario) {
        report.broken.push({
          fileName,
          problems: result.problems.filter((problem) => problem.severity === "error").map(formatProblem),
        });
        continue;
      }
      report.loaded.push(fileName);
      if (await storeVersion(fileName, source, result.scenario)) report.newVersions.push(fileName);
    }
  }
  await prisma.$transaction([
    prisma.libraryProblem.deleteMany({}),
    prisma.libraryProblem.createMany({
      data: report.broken.map((entry) => ({ fileName: entry.fileName, problems: JSON.stringify(entry.problems) })),
    }),
  ]);
  return report;
}

export async function listLibraryProblems() {
  const rows = await prisma.libraryProblem.findMany({
    orderBy: { fileName: "asc" },
    select: { fileName: true, problems: true, checkedAt: true },
  });
  return rows.map((row) => ({ ...row, problems: JSON.parse(row.problems) as string[] }));
}

export function listLibraryScenarios() {
  return prisma.scenario.findMany({
    where: { origin: "library", organisationId: null },
    orderBy: { title: "asc" },
    select: {
      id: true,
      slug: true,
      title: true,
      versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, createdAt: true } },
    },
  });
}

let vocabulary: Promise<Map<string, { label: string; description: string }>> | undefined;

/** The skills vocabulary (id → label and description), read once from scenarios/skills.yaml. */
export function skillVocabulary(paths: LibraryPaths = DEFAULT_LIBRARY_PATHS) {
  vocabulary ??= readFile(path.join(paths.scenariosDir, SKILLS_FILE_NAME), "utf8")
    .then((source) => checkSkillsSource(source, SKILLS_FILE_NAME).skills ?? [])
    .catch(() => [])
    .then((skills) => new Map(skills.map((skill) => [skill.id, { label: skill.label, description: skill.description }])));
  return vocabulary;
}
