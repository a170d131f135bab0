import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO_PASSWORD, signedIn, startTestServer, userId, type TestServer } from "./helpers/test-server";

/**
 * The permission matrix: every route in app/routes, asked by every role and by
 * the admin of the other organisation, over real HTTP. Each cell is one test.
 * The table is written out by hand on purpose: it is the specification, so it
 * must not be derived from the code it checks.
 */

const PERSONAS = ["anonymous", "practitioner", "manager", "trainer", "reviewer", "admin", "otherAdmin"] as const;
type Persona = (typeof PERSONAS)[number];
type SignedInPersona = Exclude<Persona, "anonymous">;

const EMAILS: Record<SignedInPersona, string> = {
  practitioner: "practitioner@northbridge.example",
  manager: "manager@northbridge.example",
  trainer: "trainer@northbridge.example",
  reviewer: "reviewer@northbridge.example",
  admin: "admin@northbridge.example",
  otherAdmin: "admin@eastmoor.example",
};
const PERSONA_LABELS: Record<Persona, string> = {
  anonymous: "anonymous",
  practitioner: "practitioner",
  manager: "manager",
  trainer: "trainer",
  reviewer: "reviewer",
  admin: "admin",
  otherAdmin: "Eastmoor admin",
};
// Each persona comes from its own address, so no sign-in limit is shared.
const ADDRESSES: Record<Persona, string> = {
  anonymous: "198.18.10.1",
  practitioner: "198.18.10.2",
  manager: "198.18.10.3",
  trainer: "198.18.10.4",
  reviewer: "198.18.10.5",
  admin: "198.18.10.6",
  otherAdmin: "198.18.10.7",
};
const NEW_PASSWORD = "a calm river under winter light";
const INVITATION_STATES = ["accepted", "expired", "revoked"] as const;

type Body = Record<string, string | string[]>;

/** Records the matrix needs, made through the app in beforeAll. */
type Fixtures = {
  names: Record<SignedInPersona, { name: string; preferredName: string }>;
  northbridgePerson: { id: string; access: Body };
  eastmoorPersonId: string;
  /** A member of the team the demo manager leads. */
  managersTeamMemberId: string;
  northbridgeTeam: { id: string; name: string };
  eastmoorTeam: { id: string; name: string };
  pendingToken: string;
  goneTokens: Record<(typeof INVITATION_STATES)[number], string>;
  /** One pending invitation per persona, so every cell acts on its own record. */
  acceptTokens: Record<Persona, string>;
  northbridgeInvitations: Record<Persona, string>;
  eastmoorInvitations: Record<Persona, string>;
  /** The practitioner's practice runs: one in progress, one to abandon, one completed. */
  runs: { inProgress: string; toAbandon: string; completed: string };
  /** A private reflection of the practitioner's, and one shared with their supervisor. */
  reflection: string;
  sharedReflection: string;
  practitionerId: string;
  /** A Northbridge draft (version 1) and an Eastmoor one, made directly in beforeAll; one more to review. */
  drafts: { northbridge: string; eastmoor: string; review: string };
  /** Drafts the authoring rows save, each at version 1 until its trainer cell. */
  authoring: Record<AuthoringDraft, string>;
  /** An own-words run of the practitioner's (this server has no AI provider, so a turn is refused). */
  ownWordsRun: string;
  /** By Scenario id: the library's phone call (shared by every organisation) and a published scenario of each organisation's own, at version 1. */
  scenarios: { library: string; northbridge: string; eastmoor: string };
  /** Supervision between the manager and the practitioner. */
  supervision: { upcoming: string; toCancel: string; past: string; held: string; action: string; feedToken: string };
};

type Row = {
  name: string;
  /** The route modules this row reaches (a layout counts as reached by its pages). */
  files: string[];
  method: "GET" | "POST";
  path: (f: Fixtures, who: Persona) => string;
  body?: (f: Fixtures, who: Persona) => Body;
  /** The intent the body carries, for the coverage check. */
  intent?: string;
  /** The request would end the persona's session, so it runs on a fresh one. */
  fresh?: boolean;
  /**
   * One expectation per persona, in the order of PERSONAS:
   * a status, `302:/somewhere`, `302:login` (to sign-in, with the way back) or `302:here` (to the same path).
   */
  expect: string;
  /** Text the page must show for a given status. */
  text?: Partial<Record<number, string>>;
  /** Read by programs (a calendar app), so an error is plain text rather than a page. */
  machine?: boolean;
};

const get = (name: string, files: string[], expect: string, extra: Partial<Row> = {}): Row => ({
  name: `GET ${name}`,
  files,
  method: "GET",
  path: () => name,
  expect,
  ...extra,
});

const NOT_THE_CURRENT_PASSWORD = "this-is-not-my-password";

/** The form pages of a draft, with text each shows a trainer. */
const AUTHORING_PAGES: [string, string, string][] = [
  ["details", "studio_.drafts.$draftId_.details.tsx", "Edit details"],
  ["people", "studio_.drafts.$draftId_.people.tsx", "People and meters"],
  ["personas/1", "studio_.drafts.$draftId_.personas.$index.tsx", "Edit a persona"],
  ["personas/new", "studio_.drafts.$draftId_.personas.$index.tsx", "Add a persona"],
  ["meters/1", "studio_.drafts.$draftId_.meters.$index.tsx", "Edit a meter"],
  ["new-node", "studio_.drafts.$draftId_.new-node.tsx", "What kind of node?"],
  ["new-node?type=ending", "studio_.drafts.$draftId_.new-node.tsx", "Add an ending"],
  ["nodes/opening", "studio_.drafts.$draftId_.nodes.$nodeId.tsx", "Edit the line opening"],
  ["nodes/opening/choices/1", "studio_.drafts.$draftId_.nodes.$nodeId_.choices.$index.tsx", "Edit a choice of opening"],
  [
    "nodes/opening/choices/new",
    "studio_.drafts.$draftId_.nodes.$nodeId_.choices.$index.tsx",
    "Add a choice to opening",
  ],
];
const AUTHORING_MISSING: [string, string][] = [
  ["personas/99", "studio_.drafts.$draftId_.personas.$index.tsx"],
  ["meters/0", "studio_.drafts.$draftId_.meters.$index.tsx"],
  ["nodes/no-such-node", "studio_.drafts.$draftId_.nodes.$nodeId.tsx"],
  ["nodes/opening/choices/99", "studio_.drafts.$draftId_.nodes.$nodeId_.choices.$index.tsx"],
];
/** One Northbridge draft (the library's phone-before-the-letter, version 1) per saving row, so each saves at version 1. */
const AUTHORING_DRAFTS = [
  "pages",
  "details",
  "deletePersona",
  "deleteMeter",
  "persona",
  "meter",
  "newNode",
  "saveNode",
  "moveNode",
  "deleteNode",
  "moveChoice",
  "deleteChoice",
  "choice",
] as const;
type AuthoringDraft = (typeof AUTHORING_DRAFTS)[number];
const AUTHORING_DETAILS: Body = {
  version: "1",
  title: "Matrix details",
  id: "phone-before-the-letter",
  summary: "A call before a letter.",
  audience: ["send-caseworker"],
  skills: ["listening"],
  minutes: "6",
  medium: "phone",
  coachNotes: "after-each-choice",
  contentNotes: "",
  start: "opening",
};
const AUTHORING_PERSONA: Body = {
  version: "1",
  id: "nadia",
  name: "Nadia Rahman",
  relationship: "Mother of Idris",
  background: "b",
  wants: "w",
  fears: "f",
  voice: "v",
  kind: "family",
};
const AUTHORING_METER: Body = {
  version: "1",
  id: "calm",
  label: "How calm Nadia is",
  start: "1",
  min: "0",
  max: "3",
  visible: "on",
};
const AUTHORING_NODE: Body = { version: "1", type: "pause", id: "matrix-pause", prompt: "Why?", next: "opening" };
const AUTHORING_CHOICE: Body = {
  version: "1",
  id: "introduce-and-check-time",
  says: "Hello, Nadia.",
  next: "check-time",
  "effects.trust": "1",
  note: "A start.",
};
const TRAINER_ONLY = (trainer: string) =>
  `302:login  403          403       ${trainer.padEnd(9)} 403       403       403`;
const AUTHORING_NODE_INTENTS: [string, AuthoringDraft, Body, string][] = [
  ["save", "saveNode", { type: "line", id: "opening", speaker: "nadia", text: "Hello?" }, TRAINER_ONLY("302:here")],
  ["move", "moveNode", { direction: "down" }, TRAINER_ONLY("302:here")],
  ["delete", "deleteNode", { confirm: "yes" }, TRAINER_ONLY("302:draft")],
  ["move-choice", "moveChoice", { index: "1", direction: "down" }, TRAINER_ONLY("302:here")],
  ["delete-choice", "deleteChoice", { index: "1" }, TRAINER_ONLY("302:here")],
];

// prettier-ignore
const MATRIX: Row[] = [
  //                                                                                      anonymous  practitioner manager   trainer   reviewer  admin     Eastmoor admin
  get("/",                   ["_index.tsx"],                                             "200        302:/home    302:/home 302:/home 302:/home 302:/home 302:/home", { text: { 200: "Practise the conversations" } }),
  get("/login",              ["login.tsx"],                                              "200        302:/home    302:/home 302:/home 302:/home 302:/home 302:/home", { text: { 200: "Sign in" } }),
  get("/accessibility",      ["accessibility.tsx"],                                      "200        200          200       200       200       200       200", { text: { 200: "WCAG" } }),
  get("/healthz",            ["healthz.ts"],                                             "200        200          200       200       200       200       200", { text: { 200: '"status":"ok"' } }),
  get("/logout",             ["logout.tsx"],                                             "302:/      302:/        302:/     302:/     302:/     302:/     302:/"),
  get("/home",               ["home.tsx"],                                               "302:login  200          200       200       200       200       200", { text: { 200: "Welcome, " } }),
  get("/account",            ["account.tsx"],                                            "302:login  200          200       200       200       200       200", { text: { 200: "Your account" } }),
  get("/practise",           ["practise._index.tsx"],                                    "302:login  200          200       200       403       403       403", { text: { 200: "The phone call before the letter" } }),
  get("/practise/phone-before-the-letter", ["practise.$slug.tsx"],                       "302:login  200          200       200       403       403       403", { text: { 200: "Start the conversation" } }),
  get("/practise/no-such-scenario", ["practise.$slug.tsx"],                              "302:login  404          404       404       403       403       403"),
  { name: "GET /practise/runs/:runId (the practitioner's run)", files: ["practise.runs.$runId._index.tsx"], method: "GET",
    path: (f) => `/practise/runs/${f.runs.inProgress}`,                                   expect: "302:login  200          404       404       403       403       403", text: { 200: "Moment 1" } },
  { name: "GET /practise/runs/:runId/debrief (the practitioner's run)", files: ["practise.runs.$runId.debrief.tsx"], method: "GET",
    path: (f) => `/practise/runs/${f.runs.completed}/debrief`,                            expect: "302:login  200          404       404       403       403       403", text: { 200: "The conversation, step by step" } },
  { name: "POST /practise/:slug (start a run)", files: ["practise.$slug.tsx"], method: "POST", path: () => "/practise/phone-before-the-letter", intent: "start",
    body: () => ({ intent: "start", confidenceBefore: "2" }),                                              expect: "302:login  302:run      302:run   302:run   403       403       403" },
  { name: "POST /practise/:slug intent=recommend (to a member of the manager's team)", files: ["practise.$slug.tsx"], method: "POST", intent: "recommend",
    path: () => "/practise/phone-before-the-letter", body: (f) => ({ intent: "recommend", toUserId: f.managersTeamMemberId, note: "" }),
                                                                                         expect: "302:login  403          302:here  403       403       403       403" },
  { name: "POST /practise/:slug intent=recommend (to someone in another team)", files: ["practise.$slug.tsx"], method: "POST", intent: "recommend",
    path: () => "/practise/phone-before-the-letter", body: (f) => ({ intent: "recommend", toUserId: f.northbridgePerson.id, note: "" }),
                                                                                         expect: "302:login  403          404       403       403       403       403" },
  { name: "POST /practise/:slug intent=recommend (to someone in another organisation)", files: ["practise.$slug.tsx"], method: "POST", intent: "recommend",
    path: () => "/practise/phone-before-the-letter", body: (f) => ({ intent: "recommend", toUserId: f.eastmoorPersonId, note: "" }),
                                                                                         expect: "302:login  403          404       403       403       403       403" },
  { name: "POST /practise/:slug intent=own-words (no AI provider on this server)", files: ["practise.$slug.tsx"], method: "POST", intent: "own-words",
    path: () => "/practise/phone-before-the-letter", body: () => ({ intent: "own-words" }), expect: "302:login  400          400       400       403       403       403" },
  { name: "GET /practise/own/:runId (the practitioner's own-words run)", files: ["practise.own.$runId.tsx"], method: "GET",
    path: (f) => `/practise/own/${f.ownWordsRun}`,                                        expect: "302:login  200          404       404       403       403       403", text: { 200: "Hello? Who is this?" } },
  { name: "POST /practise/own/:runId intent=say (no AI provider on this server)", files: ["practise.own.$runId.tsx"], method: "POST", intent: "say",
    path: (f) => `/practise/own/${f.ownWordsRun}`, body: () => ({ intent: "say", turn: "1", reply: "Hello, it's the SEND team." }),
                                                                                         expect: "302:login  503          404       404       403       403       403" },
  { name: "GET /practise/own/:runId/reply (a stream for the page's script: sends you to the page)", files: ["practise.own.$runId_.reply.ts"], method: "GET",
    path: (f) => `/practise/own/${f.ownWordsRun}/reply`,                                  expect: "302:page   302:page     302:page  302:page  302:page  302:page  302:page" },
  { name: "POST /practise/own/:runId/reply (no AI provider on this server: an error line)", files: ["practise.own.$runId_.reply.ts"], method: "POST", intent: "say",
    path: (f) => `/practise/own/${f.ownWordsRun}/reply`, body: () => ({ intent: "say", turn: "1", reply: "Hello, it's the SEND team." }),
                                                                                         expect: "302:login  200          404       404       403       403       403", text: { 200: "not set up on this server" }, machine: true },
  { name: "POST /practise/own/:runId intent=abandon", files: ["practise.own.$runId.tsx"], method: "POST", intent: "abandon",
    path: (f) => `/practise/own/${f.ownWordsRun}`, body: () => ({ intent: "abandon" }),  expect: "302:login  302:/practise 404      404       403       403       403" },
  { name: "POST /practise/runs/:runId intent=move (an out-of-date step)", files: ["practise.runs.$runId._index.tsx"], method: "POST", intent: "move",
    path: (f) => `/practise/runs/${f.runs.inProgress}`, body: () => ({ intent: "move", step: "99", choice: "introduce-and-check-time" }),
                                                                                         expect: "302:login  302:here     404       404       403       403       403" },
  { name: "POST /practise/runs/:runId intent=abandon", files: ["practise.runs.$runId._index.tsx"], method: "POST", intent: "abandon",
    path: (f) => `/practise/runs/${f.runs.toAbandon}`, body: () => ({ intent: "abandon" }),
                                                                                         expect: "302:login  302:/practise 404      404       403       403       403" },
  { name: "POST /practise/runs/:runId/debrief intent=try-from", files: ["practise.runs.$runId.debrief.tsx"], method: "POST", intent: "try-from",
    path: (f) => `/practise/runs/${f.runs.completed}/debrief`, body: () => ({ intent: "try-from", fromStep: "1" }),
                                                                                         expect: "302:login  302:run      404       404       403       403       403" },
  get("/guidance",           ["guidance._index.tsx"],                                    "302:login  200          200       200       200       200       200", { text: { 200: "Agreeing next steps" } }),
  get("/guidance/agreeing-next-steps", ["guidance.$slug.tsx"],                           "302:login  200          200       200       200       200       200", { text: { 200: "Agreeing next steps" } }),
  get("/guidance/no-such-page", ["guidance.$slug.tsx"],                                  "302:login  404          404       404       404       404       404"),
  { name: "POST /practise/runs/:runId/debrief (confidence after)", files: ["practise.runs.$runId.debrief.tsx"], method: "POST",
    path: (f) => `/practise/runs/${f.runs.completed}/debrief`, body: () => ({ intent: "confidence", confidenceAfter: "4" }), intent: "confidence",
                                                                                         expect: "302:login  302:here     404       404       403       403       403" },
  get("/journal",            ["journal._index.tsx"],                                     "302:login  200          200       403       403       403       403", { text: { 200: "Write a reflection" } }),
  get("/admin/settings",     ["admin.settings.tsx", "admin.tsx"],                        "302:login  403          403       403       403       200       200", { text: { 200: "The reflective model offered first" } }),
  { name: "POST /admin/settings intent=framework", files: ["admin.settings.tsx"], method: "POST", path: () => "/admin/settings", intent: "framework",
    body: () => ({ intent: "framework", reflectionFramework: "what-so-what-now-what" }), expect: "302:login  403          403       403       403       302:here  302:here" },
  { name: "POST /admin/settings intent=studio", files: ["admin.settings.tsx"], method: "POST", path: () => "/admin/settings", intent: "studio",
    body: () => ({ intent: "studio", requiredApprovals: "1" }),                          expect: "302:login  403          403       403       403       302:here  302:here" },
  { name: "POST /admin/settings intent=ai", files: ["admin.settings.tsx"], method: "POST", path: () => "/admin/settings", intent: "ai",
    body: () => ({ intent: "ai", aiMonthlyTokenBudget: "200000", transcriptRetentionDays: "30" }), expect: "302:login  403          403       403       403       302:here  302:here" },
  get("/journal/export.md",  ["journal.export[.]md.ts"],                               "302:login  200          200       302:/journal 302:/journal 302:/journal 302:/journal", { text: { 200: "# Heartwork journal" } }),
  get("/journal/export.json", ["journal.export[.]json.ts"],                             "302:login  200          200       302:/journal 302:/journal 302:/journal 302:/journal", { text: { 200: "heartwork-journal/1" } }),
  get("/journal/new",        ["journal.new.tsx"],                                        "302:login  302:/journal 302:/journal 403    403       403       403"),
  { name: "GET /journal/:reflectionId (the practitioner's private reflection)", files: ["journal.$reflectionId.tsx"], method: "GET",
    path: (f) => `/journal/${f.reflection}`,                                              expect: "302:login  200          404       403       403       403       403", text: { 200: "Only you can read this reflection" } },
  get("/journal/no-such-reflection", ["journal.$reflectionId.tsx"],                      "302:login  404          404       403       403       403       403"),
  { name: "POST /journal/new (start writing)", files: ["journal.new.tsx"], method: "POST", path: () => "/journal/new",
    body: () => ({ framework: "gibbs" }),                                                 expect: "302:login  302:reflection 302:reflection 403 403     403       403" },
  { name: "POST /journal/:reflectionId intent=save", files: ["journal.$reflectionId.tsx"], method: "POST", intent: "save",
    path: (f) => `/journal/${f.reflection}`, body: () => ({ intent: "save", title: "Matrix", "answer.what": "Written" }),
                                                                                         expect: "302:login  302:here     404       403       403       403       403" },
  { name: "POST /journal/:reflectionId intent=share", files: ["journal.$reflectionId.tsx"], method: "POST", intent: "share",
    path: (f) => `/journal/${f.reflection}`, body: () => ({ intent: "share" }),          expect: "302:login  302:here     404       403       403       403       403" },
  { name: "POST /journal/:reflectionId intent=unshare", files: ["journal.$reflectionId.tsx"], method: "POST", intent: "unshare",
    path: (f) => `/journal/${f.reflection}`, body: () => ({ intent: "unshare" }),        expect: "302:login  302:here     404       403       403       403       403" },
  get("/supervision",        ["supervision._index.tsx"],                                 "302:login  200          200       403       403       403       403"),
  { name: "GET /supervision/shared/:reflectionId (shared by the practitioner with their manager)", files: ["supervision.shared.$reflectionId.tsx"], method: "GET",
    path: (f) => `/supervision/shared/${f.sharedReflection}`,                            expect: "302:login  404          200       403       403       403       403", text: { 200: "Shared with you by Amira Hussain" } },
  { name: "GET /supervision/shared/:reflectionId (private)", files: ["supervision.shared.$reflectionId.tsx"], method: "GET",
    path: (f) => `/supervision/shared/${f.reflection}`,                                  expect: "302:login  404          404       403       403       403       403" },
  { name: "POST /supervision intent=create-feed", files: ["supervision._index.tsx"], method: "POST", intent: "create-feed",
    path: () => "/supervision", body: () => ({ intent: "create-feed" }),                    expect: "302:login  302:feed     302:feed  403       403       403       403" },
  { name: "POST /supervision intent=revoke-feed", files: ["supervision._index.tsx"], method: "POST", intent: "revoke-feed",
    path: () => "/supervision", body: () => ({ intent: "revoke-feed" }),                    expect: "302:login  302:/supervision 302:/supervision 403 403     403       403" },
  get("/supervision/schedule", ["supervision.schedule.tsx"],                             "302:login  403          200       403       403       403       403", { text: { 200: "Schedule supervision" } }),
  { name: "POST /supervision/schedule (with the practitioner)", files: ["supervision.schedule.tsx"], method: "POST",
    path: () => "/supervision/schedule", body: (f, who) => ({ superviseeId: f.practitionerId, start: `2028-0${1 + PERSONAS.indexOf(who)}-04T10:00`, durationMinutes: "60", location: "Room 1", repeat: "none" }),
                                                                                         expect: "302:login  403          302:session 403     403       403       403" },
  get("/supervision/agreements", ["supervision.agreements.tsx"],                         "302:login  403          200       403       403       403       403", { text: { 200: "Supervision agreements" } }),
  { name: "POST /supervision/agreements (with the practitioner)", files: ["supervision.agreements.tsx"], method: "POST",
    path: () => "/supervision/agreements", body: (f) => ({ superviseeId: f.practitionerId, frequencyWeeks: "4", durationMinutes: "60", location: "Room 1" }),
                                                                                         expect: "302:login  403          302:here  403       403       403       403" },
  { name: "POST /supervision/agreements (with someone in another team)", files: ["supervision.agreements.tsx"], method: "POST",
    path: () => "/supervision/agreements", body: (f) => ({ superviseeId: f.northbridgePerson.id, frequencyWeeks: "4", durationMinutes: "60", location: "Room 1" }),
                                                                                         expect: "302:login  403          404       403       403       403       403" },
  { name: "GET /supervision/sessions/:sessionId", files: ["supervision.sessions.$sessionId.tsx"], method: "GET",
    path: (f) => `/supervision/sessions/${f.supervision.upcoming}`,                       expect: "302:login  200          200       403       403       403       403", text: { 200: "Agenda" } },
  { name: "GET /supervision/sessions/:sessionId/calendar.ics", files: ["supervision.sessions.$sessionId_.calendar[.]ics.ts"], method: "GET",
    path: (f) => `/supervision/sessions/${f.supervision.upcoming}/calendar.ics`,          expect: "302:login  200          200       302:page  302:page  302:page  302:page", text: { 200: "BEGIN:VCALENDAR" } },
  { name: "POST /supervision/sessions/:sessionId intent=agenda", files: ["supervision.sessions.$sessionId.tsx"], method: "POST", intent: "agenda",
    path: (f) => `/supervision/sessions/${f.supervision.upcoming}`, body: () => ({ intent: "agenda", text: "Something to talk about" }),
                                                                                         expect: "302:login  302:here     302:here  403       403       403       403" },
  { name: "POST /supervision/sessions/:sessionId intent=action-done", files: ["supervision.sessions.$sessionId.tsx"], method: "POST", intent: "action-done",
    path: (f) => `/supervision/sessions/${f.supervision.upcoming}`, body: (f) => ({ intent: "action-done", actionId: f.supervision.action, done: "yes" }),
                                                                                         expect: "302:login  302:here     302:here  403       403       403       403" },
  { name: "POST /supervision/sessions/:sessionId intent=reschedule", files: ["supervision.sessions.$sessionId.tsx"], method: "POST", intent: "reschedule",
    path: (f) => `/supervision/sessions/${f.supervision.upcoming}`, body: () => ({ intent: "reschedule", start: "2028-11-07T09:30", location: "Room 2" }),
                                                                                         expect: "302:login  403          302:here  403       403       403       403" },
  { name: "POST /supervision/sessions/:sessionId intent=cancel", files: ["supervision.sessions.$sessionId.tsx"], method: "POST", intent: "cancel",
    path: (f) => `/supervision/sessions/${f.supervision.toCancel}`, body: () => ({ intent: "cancel" }),
                                                                                         expect: "302:login  403          302:here  403       403       403       403" },
  { name: "POST /supervision/sessions/:sessionId intent=record", files: ["supervision.sessions.$sessionId.tsx"], method: "POST", intent: "record",
    path: (f) => `/supervision/sessions/${f.supervision.past}`, body: () => ({ intent: "record", heldMinutes: "50", notesSupport: "Steady." }),
                                                                                         expect: "302:login  403          302:here  403       403       403       403" },
  { name: "POST /supervision/sessions/:sessionId intent=confirm", files: ["supervision.sessions.$sessionId.tsx"], method: "POST", intent: "confirm",
    path: (f) => `/supervision/sessions/${f.supervision.held}`, body: () => ({ intent: "confirm", comment: "Agreed." }),
                                                                                         expect: "302:login  302:here     403       403       403       403       403" },
  { name: "GET /calendar/:token.ics (a team member's feed)", files: ["calendar.$file.ts"], method: "GET",
    path: (f) => `/calendar/${f.supervision.feedToken}.ics`,                              expect: "200        200          200       200       200       200       200", text: { 200: "BEGIN:VCALENDAR" } },
  { name: "GET /calendar/:token.ics (no such feed)", files: ["calendar.$file.ts"], method: "GET",
    path: () => "/calendar/not-a-real-feed-address.ics",                                  expect: "404        404          404       404       404       404       404", machine: true },
  get("/team",               ["team._index.tsx"],                                        "302:login  403          200       403       403       403       403", { text: { 200: "Time for each person in SEND Casework Team" } }),
  { name: "GET /team/:userId (a member of the manager's team)", files: ["team.$userId.tsx"], method: "GET",
    path: (f) => `/team/${f.managersTeamMemberId}`,                                       expect: "302:login  403          200       403       403       403       403", text: { 200: "Coaching timeline" } },
  { name: "GET /team/:userId (someone in another team)", files: ["team.$userId.tsx"], method: "GET",
    path: (f) => `/team/${f.northbridgePerson.id}`,                                       expect: "302:login  403          404       403       403       403       403" },
  { name: "GET /team/:userId (someone in another organisation)", files: ["team.$userId.tsx"], method: "GET",
    path: (f) => `/team/${f.eastmoorPersonId}`,                                           expect: "302:login  403          404       403       403       403       403" },
  { name: "POST /team/:userId intent=recommend (a member of the manager's team)", files: ["team.$userId.tsx"], method: "POST", intent: "recommend",
    path: (f) => `/team/${f.managersTeamMemberId}`, body: () => ({ intent: "recommend", scenario: "phone-before-the-letter", note: "" }),
                                                                                         expect: "302:login  403          302:here  403       403       403       403" },
  { name: "POST /team/:userId intent=recommend (someone in another team)", files: ["team.$userId.tsx"], method: "POST", intent: "recommend",
    path: (f) => `/team/${f.northbridgePerson.id}`, body: () => ({ intent: "recommend", scenario: "phone-before-the-letter", note: "" }),
                                                                                         expect: "302:login  403          404       403       403       403       403" },
  { name: "GET /team/export.csv (the manager's team)", files: ["team.export[.]csv.ts"], method: "GET",
    path: (f) => `/team/export.csv?team=${f.northbridgeTeam.id}`,                         expect: "302:login  302:/team    200       302:/team 302:/team 302:/team 302:/team", text: { 200: "Name,Practice minutes" } },
  { name: "GET /team/export.csv (a team in another organisation)", files: ["team.export[.]csv.ts"], method: "GET",
    path: (f) => `/team/export.csv?team=${f.eastmoorTeam.id}`,                            expect: "302:login  302:/team    404       302:/team 302:/team 302:/team 302:/team", machine: true },
  get("/admin/coaching",     ["admin.tsx", "admin.coaching.tsx"],                        "302:login  403          403       403       403       200       200", { text: { 200: "Coaching time by team" } }),
  get("/studio/library/phone-before-the-letter", ["studio_.library.$slug.tsx"],          "302:login  403          403       200       200       403       403", { text: { 200: "Map of the conversation" } }),
  get("/studio/library/no-such-scenario", ["studio_.library.$slug.tsx"],                  "302:login  403          403       404       404       403       403"),
  get("/studio/drafts/new",  ["studio_.drafts.new.tsx"],                                 "302:login  403          403       200       403       403       403", { text: { 200: "Start a draft by importing a file" } }),
  { name: "POST /studio/drafts/new (pasted YAML)", files: ["studio_.drafts.new.tsx"], method: "POST", path: () => "/studio/drafts/new",
    body: () => ({ source: "id: matrix-draft\ntitle: Matrix draft\n" }),                 expect: "302:login  403          403       302:draft 403       403       403" },
  { name: "GET /studio/drafts/:draftId (a Northbridge draft)", files: ["studio_.drafts.$draftId.tsx"], method: "GET",
    path: (f) => `/studio/drafts/${f.drafts.northbridge}`,                                 expect: "302:login  403          403       200       200       403       403", text: { 200: "What the checker found" } },
  { name: "GET /studio/drafts/:draftId (an Eastmoor draft)", files: ["studio_.drafts.$draftId.tsx"], method: "GET",
    path: (f) => `/studio/drafts/${f.drafts.eastmoor}`,                                    expect: "302:login  403          403       404       404       403       403" },
  get("/studio/drafts/no-such-draft", ["studio_.drafts.$draftId.tsx"],                     "302:login  403          403       404       404       403       403"),
  { name: "GET /studio/drafts/:draftId/playtest (a Northbridge draft)", files: ["studio_.drafts.$draftId_.playtest.tsx"], method: "GET",
    path: (f) => `/studio/drafts/${f.drafts.northbridge}/playtest`,                        expect: "302:login  403          403       200       200       403       403", text: { 200: "What do you say?" } },
  { name: "GET /studio/drafts/:draftId/playtest (an Eastmoor draft)", files: ["studio_.drafts.$draftId_.playtest.tsx"], method: "GET",
    path: (f) => `/studio/drafts/${f.drafts.eastmoor}/playtest`,                           expect: "302:login  403          403       404       404       403       403" },
  { name: "POST /studio/drafts/:draftId/playtest (a move in a Northbridge draft)", files: ["studio_.drafts.$draftId_.playtest.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.drafts.northbridge}/playtest`, body: () => ({ from: "opening", path: "", version: "1", choice: "introduce-and-check-time" }),
                                                                                           expect: "302:login  403          403       200       200       403       403", text: { 200: "Moment 2" } },
  { name: "POST /studio/drafts/:draftId/playtest (an Eastmoor draft)", files: ["studio_.drafts.$draftId_.playtest.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.drafts.eastmoor}/playtest`, body: () => ({ from: "opening", path: "", version: "1", choice: "introduce-and-check-time" }),
                                                                                           expect: "302:login  403          403       404       404       403       403" },
  { name: "POST /studio/drafts/:draftId (save version 1 of a Northbridge draft)", files: ["studio_.drafts.$draftId.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.drafts.northbridge}`, body: () => ({ source: "id: phone-before-the-letter\ntitle: Saved\n", version: "1" }),
                                                                                           expect: "302:login  403          403       302:here  403       403       403" },
  { name: "POST /studio/drafts/:draftId (an Eastmoor draft)", files: ["studio_.drafts.$draftId.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.drafts.eastmoor}`, body: () => ({ source: "id: x", version: "1" }),
                                                                                           expect: "302:login  403          403       404       403       403       403" },
  { name: "GET /studio/drafts/:draftId/download (a Northbridge draft)", files: ["studio_.drafts.$draftId_.download.ts"], method: "GET",
    path: (f) => `/studio/drafts/${f.drafts.northbridge}/download`,                        expect: "302:login  302:/studio  302:/studio 200     200       302:/studio 302:/studio", text: { 200: "id: phone-before-the-letter" } },
  { name: "GET /studio/drafts/:draftId/download (an Eastmoor draft)", files: ["studio_.drafts.$draftId_.download.ts"], method: "GET",
    path: (f) => `/studio/drafts/${f.drafts.eastmoor}/download`,                           expect: "302:login  302:/studio  302:/studio 302:/studio 302:/studio 302:/studio 302:/studio" },
  get("/studio/library/phone-before-the-letter/download", ["studio_.library.$slug_.download.ts"], "302:login  302:/studio  302:/studio 200  200       302:/studio 302:/studio", { text: { 200: "id: phone-before-the-letter" } }),
  get("/studio/library/no-such-scenario/download", ["studio_.library.$slug_.download.ts"],  "302:login  302:/studio  302:/studio 302:/studio 302:/studio 302:/studio 302:/studio"),
  { name: "GET /studio/drafts/:draftId/review (a Northbridge draft)", files: ["studio_.drafts.$draftId_.review.tsx"], method: "GET",
    path: (f) => `/studio/drafts/${f.drafts.review}/review`,                               expect: "302:login  403          403       200       200       403       403", text: { 200: "The thread" } },
  { name: "GET /studio/drafts/:draftId/review (an Eastmoor draft)", files: ["studio_.drafts.$draftId_.review.tsx"], method: "GET",
    path: (f) => `/studio/drafts/${f.drafts.eastmoor}/review`,                             expect: "302:login  403          403       404       404       403       403" },
  { name: "POST /studio/drafts/:draftId/review intent=publish (not yet reviewed)", files: ["studio_.drafts.$draftId_.review.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.drafts.review}/review`, intent: "publish", body: () => ({ intent: "publish", draftVersion: "1" }),
                                                                                           expect: "302:login  403          403       409       403       403       403" },
  { name: "POST /studio/drafts/:draftId/review intent=submit", files: ["studio_.drafts.$draftId_.review.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.drafts.review}/review`, intent: "submit", body: () => ({ intent: "submit", draftVersion: "1", note: "" }),
                                                                                           expect: "302:login  403          403       302:here  403       403       403" },
  { name: "POST /studio/drafts/:draftId/review intent=comment", files: ["studio_.drafts.$draftId_.review.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.drafts.review}/review`, intent: "comment",
    body: () => ({ intent: "comment", draftVersion: "1", decision: "comment", body: "A matrix comment" }),
                                                                                           expect: "302:login  403          403       302:here  302:here  403       403" },
  { name: "POST /studio/drafts/:draftId/review intent=comment (an Eastmoor draft)", files: ["studio_.drafts.$draftId_.review.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.drafts.eastmoor}/review`, intent: "comment",
    body: () => ({ intent: "comment", draftVersion: "1", decision: "comment", body: "A matrix comment" }),
                                                                                           expect: "302:login  403          403       404       404       403       403" },
  { name: "GET /studio/scenarios/:scenarioId (a Northbridge scenario)", files: ["studio_.scenarios.$scenarioId.tsx"], method: "GET",
    path: (f) => `/studio/scenarios/${f.scenarios.northbridge}`,                           expect: "302:login  403          403       200       200       403       403", text: { 200: "Versions" } },
  { name: "GET /studio/scenarios/:scenarioId (an Eastmoor scenario)", files: ["studio_.scenarios.$scenarioId.tsx"], method: "GET",
    path: (f) => `/studio/scenarios/${f.scenarios.eastmoor}`,                              expect: "302:login  403          403       404       404       403       403" },
  { name: "POST /studio/scenarios/:scenarioId intent=archive", files: ["studio_.scenarios.$scenarioId.tsx"], method: "POST",
    path: (f) => `/studio/scenarios/${f.scenarios.northbridge}`, intent: "archive", body: () => ({ intent: "archive" }),
                                                                                           expect: "302:login  403          403       302:here  403       403       403" },
  { name: "POST /studio/scenarios/:scenarioId intent=restore (an Eastmoor scenario)", files: ["studio_.scenarios.$scenarioId.tsx"], method: "POST",
    path: (f) => `/studio/scenarios/${f.scenarios.eastmoor}`, intent: "restore", body: () => ({ intent: "restore" }),
                                                                                           expect: "302:login  403          403       404       403       403       403" },
  { name: "POST /studio/scenarios/:scenarioId intent=restore", files: ["studio_.scenarios.$scenarioId.tsx"], method: "POST",
    path: (f) => `/studio/scenarios/${f.scenarios.northbridge}`, intent: "restore", body: () => ({ intent: "restore" }),
                                                                                           expect: "302:login  403          403       302:here  403       403       403" },
  { name: "GET /studio/scenarios/:scenarioId/diff (a Northbridge scenario)", files: ["studio_.scenarios.$scenarioId_.diff.tsx"], method: "GET",
    path: (f) => `/studio/scenarios/${f.scenarios.northbridge}/diff`,                      expect: "302:login  403          403       200       200       403       403", text: { 200: "What changed between versions" } },
  { name: "GET /studio/scenarios/:scenarioId/diff (an Eastmoor scenario)", files: ["studio_.scenarios.$scenarioId_.diff.tsx"], method: "GET",
    path: (f) => `/studio/scenarios/${f.scenarios.eastmoor}/diff`,                         expect: "302:login  403          403       404       404       403       403" },
  { name: "GET /studio/scenarios/:scenarioId/download (a Northbridge scenario)", files: ["studio_.scenarios.$scenarioId_.download.ts"], method: "GET",
    path: (f) => `/studio/scenarios/${f.scenarios.northbridge}/download?version=1`,        expect: "302:login  302:/studio  302:/studio 200     200       302:/studio 302:/studio", text: { 200: "id: phone-before-the-letter" } },
  { name: "GET /studio/scenarios/:scenarioId/download (an Eastmoor scenario)", files: ["studio_.scenarios.$scenarioId_.download.ts"], method: "GET",
    path: (f) => `/studio/scenarios/${f.scenarios.eastmoor}/download?version=1`,           expect: "302:login  302:/studio  302:/studio 302:/studio 302:/studio 302:/studio 302:/studio" },
  get("/studio",             ["studio.tsx"],                                             "302:login  403          403       200       200       403       403"),
  { name: "GET /studio/scenarios/:scenarioId/practice (a library scenario)", files: ["studio_.scenarios.$scenarioId_.practice.tsx"], method: "GET",
    path: (f) => `/studio/scenarios/${f.scenarios.library}/practice`,                     expect: "302:login  403          403       200       403       403       403", text: { 200: "What happened in practice" } },
  { name: "GET /studio/scenarios/:scenarioId/practice (an Eastmoor scenario)", files: ["studio_.scenarios.$scenarioId_.practice.tsx"], method: "GET",
    path: (f) => `/studio/scenarios/${f.scenarios.eastmoor}/practice`,                    expect: "302:login  403          403       404       403       403       403" },
  get("/studio/scenarios/no-such-scenario/practice", ["studio_.scenarios.$scenarioId_.practice.tsx"], "302:login  403    403       404       403       403       403"),
  // Editing a draft in forms (studio_.drafts.$draftId_.*): trainers of the draft's organisation only.
  ...AUTHORING_PAGES.map(([page, file, text]): Row => ({ name: `GET /studio/drafts/:draftId/${page} (a Northbridge draft)`, files: [file], method: "GET",
    path: (f) => `/studio/drafts/${f.authoring.pages}/${page}`,                            expect: "302:login  403          403       200       403       403       403", text: { 200: text } })),
  ...AUTHORING_PAGES.map(([page, file]): Row => ({ name: `GET /studio/drafts/:draftId/${page} (an Eastmoor draft)`, files: [file], method: "GET",
    path: (f) => `/studio/drafts/${f.drafts.eastmoor}/${page}`,                            expect: "302:login  403          403       404       403       403       403" })),
  ...AUTHORING_MISSING.map(([page, file]): Row => ({ name: `GET /studio/drafts/:draftId/${page} (not in the draft)`, files: [file], method: "GET",
    path: (f) => `/studio/drafts/${f.authoring.pages}/${page}`,                            expect: "302:login  403          403       404       403       403       403" })),
  { name: "POST /studio/drafts/new intent=start-from-nothing", files: ["studio_.drafts.new.tsx"], method: "POST", path: () => "/studio/drafts/new", intent: "start-from-nothing",
    body: () => ({ intent: "start-from-nothing", title: "Matrix from nothing", slug: "" }),  expect: "302:login  403          403       302:draft 403       403       403" },
  { name: "POST /studio/library/:slug (make a copy)", files: ["studio_.library.$slug.tsx"], method: "POST", path: () => "/studio/library/phone-before-the-letter",
                                                                                           expect: "302:login  403          403       302:draft 403       403       403" },
  { name: "POST /studio/library/no-such-scenario (make a copy)", files: ["studio_.library.$slug.tsx"], method: "POST", path: () => "/studio/library/no-such-scenario",
                                                                                           expect: "302:login  403          403       404       403       403       403" },
  { name: "POST /studio/drafts/:draftId/details (a Northbridge draft)", files: ["studio_.drafts.$draftId_.details.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.authoring.details}/details`, body: () => AUTHORING_DETAILS, expect: "302:login  403          403       302:draft 403       403       403" },
  { name: "POST /studio/drafts/:draftId/details (an Eastmoor draft)", files: ["studio_.drafts.$draftId_.details.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.drafts.eastmoor}/details`, body: () => AUTHORING_DETAILS, expect: "302:login  403          403       404       403       403       403" },
  { name: "POST /studio/drafts/:draftId/people intent=delete-persona", files: ["studio_.drafts.$draftId_.people.tsx"], method: "POST", intent: "delete-persona",
    path: (f) => `/studio/drafts/${f.authoring.deletePersona}/people`, body: () => ({ intent: "delete-persona", index: "1", version: "1" }),
                                                                                           expect: "302:login  403          403       302:here  403       403       403" },
  { name: "POST /studio/drafts/:draftId/people intent=delete-meter", files: ["studio_.drafts.$draftId_.people.tsx"], method: "POST", intent: "delete-meter",
    path: (f) => `/studio/drafts/${f.authoring.deleteMeter}/people`, body: () => ({ intent: "delete-meter", index: "1", version: "1" }),
                                                                                           expect: "302:login  403          403       302:here  403       403       403" },
  { name: "POST /studio/drafts/:draftId/people intent=delete-meter (an Eastmoor draft)", files: ["studio_.drafts.$draftId_.people.tsx"], method: "POST", intent: "delete-meter",
    path: (f) => `/studio/drafts/${f.drafts.eastmoor}/people`, body: () => ({ intent: "delete-meter", index: "1", version: "1" }),
                                                                                           expect: "302:login  403          403       404       403       403       403" },
  { name: "POST /studio/drafts/:draftId/personas/1", files: ["studio_.drafts.$draftId_.personas.$index.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.authoring.persona}/personas/1`, body: () => AUTHORING_PERSONA, expect: "302:login  403          403       302:form  403       403       403" },
  { name: "POST /studio/drafts/:draftId/personas/1 (an Eastmoor draft)", files: ["studio_.drafts.$draftId_.personas.$index.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.drafts.eastmoor}/personas/1`, body: () => AUTHORING_PERSONA, expect: "302:login  403          403       404       403       403       403" },
  { name: "POST /studio/drafts/:draftId/meters/new", files: ["studio_.drafts.$draftId_.meters.$index.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.authoring.meter}/meters/new`, body: () => AUTHORING_METER, expect: "302:login  403          403       302:form  403       403       403" },
  { name: "POST /studio/drafts/:draftId/meters/new (an Eastmoor draft)", files: ["studio_.drafts.$draftId_.meters.$index.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.drafts.eastmoor}/meters/new`, body: () => AUTHORING_METER, expect: "302:login  403          403       404       403       403       403" },
  { name: "POST /studio/drafts/:draftId/new-node", files: ["studio_.drafts.$draftId_.new-node.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.authoring.newNode}/new-node`, body: () => AUTHORING_NODE,  expect: "302:login  403          403       302:form  403       403       403" },
  { name: "POST /studio/drafts/:draftId/new-node (an Eastmoor draft)", files: ["studio_.drafts.$draftId_.new-node.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.drafts.eastmoor}/new-node`, body: () => AUTHORING_NODE,     expect: "302:login  403          403       404       403       403       403" },
  ...AUTHORING_NODE_INTENTS.map(([intent, fixture, fields, expect]): Row => ({ name: `POST /studio/drafts/:draftId/nodes/:nodeId intent=${intent}`,
    files: ["studio_.drafts.$draftId_.nodes.$nodeId.tsx"], method: "POST", intent,
    path: (f) => `/studio/drafts/${f.authoring[fixture]}/nodes/opening`, body: () => ({ intent, version: "1", ...fields }), expect })),
  { name: "POST /studio/drafts/:draftId/nodes/:nodeId intent=delete (an Eastmoor draft)", files: ["studio_.drafts.$draftId_.nodes.$nodeId.tsx"], method: "POST", intent: "delete",
    path: (f) => `/studio/drafts/${f.drafts.eastmoor}/nodes/opening`, body: () => ({ intent: "delete", confirm: "yes", version: "1" }),
                                                                                           expect: "302:login  403          403       404       403       403       403" },
  { name: "POST /studio/drafts/:draftId/nodes/:nodeId/choices/1", files: ["studio_.drafts.$draftId_.nodes.$nodeId_.choices.$index.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.authoring.choice}/nodes/opening/choices/1`, body: () => AUTHORING_CHOICE,
                                                                                           expect: "302:login  403          403       302:form  403       403       403" },
  { name: "POST /studio/drafts/:draftId/nodes/:nodeId/choices/1 (an Eastmoor draft)", files: ["studio_.drafts.$draftId_.nodes.$nodeId_.choices.$index.tsx"], method: "POST",
    path: (f) => `/studio/drafts/${f.drafts.eastmoor}/nodes/opening/choices/1`, body: () => AUTHORING_CHOICE,
                                                                                           expect: "302:login  403          403       404       403       403       403" },
  get("/admin",              ["admin.tsx", "admin._index.tsx"],                          "302:login  403          403       403       403       200       200", { text: { 200: "Your organisation" } }),
  get("/admin/people",       ["admin.tsx", "admin.people._index.tsx"],                   "302:login  403          403       403       403       200       200", { text: { 200: "Everyone in your organisation" } }),
  { name: "GET /admin/people/:userId (a Northbridge person)", files: ["admin.tsx", "admin.people.$userId.tsx"], method: "GET",
    path: (f) => `/admin/people/${f.northbridgePerson.id}`,                              expect: "302:login  403          403       403       403       200       404", text: { 200: "Siobhan Kelly" } },
  { name: "GET /admin/people/:userId (an Eastmoor person)", files: ["admin.tsx", "admin.people.$userId.tsx"], method: "GET",
    path: (f) => `/admin/people/${f.eastmoorPersonId}`,                                  expect: "302:login  403          403       403       403       404       200" },
  get("/admin/people/no-such-person", ["admin.tsx", "admin.people.$userId.tsx"],          "302:login  403          403       403       403       404       404"),
  get("/admin/invitations",  ["admin.tsx", "admin.invitations.tsx"],                     "302:login  403          403       403       403       200       200", { text: { 200: "Invite someone" } }),
  get("/admin/teams",        ["admin.tsx", "admin.teams.tsx"],                           "302:login  403          403       403       403       200       200", { text: { 200: "Add a team" } }),
  get("/admin/audit",        ["admin.tsx", "admin.audit.tsx"],                           "302:login  403          403       403       403       200       200", { text: { 200: "Audit log" } }),
  { name: "GET /invite/:token (pending)", files: ["invite.$token.tsx"], method: "GET",
    path: (f) => `/invite/${f.pendingToken}`,                                            expect: "200        200          200       200       200       200       200", text: { 200: "Welcome to Heartwork, Matrix Pending" } },
  get("/invite/no-such-token", ["invite.$token.tsx"],                                    "404        404          404       404       404       404       404"),
  ...INVITATION_STATES.map((state): Row => ({ name: `GET /invite/:token (${state})`, files: ["invite.$token.tsx"], method: "GET",
    path: (f) => `/invite/${f.goneTokens[state]}`,                                       expect: "410        410          410       410       410       410       410" })),
  get("/no-such-page",       ["$.tsx"],                                                  "404        404          404       404       404       404       404"),
  get("/admin/no-such-page", ["$.tsx"],                                                  "404        404          404       404       404       404       404"),

  { name: "POST /login (the right password)", files: ["login.tsx"], method: "POST", path: () => "/login", fresh: true,
    body: (_f, who) => ({ email: who === "anonymous" ? "practitioner@eastmoor.example" : EMAILS[who], password: DEMO_PASSWORD }),
                                                                                         expect: "302:/home  302:/home    302:/home 302:/home 302:/home 302:/home 302:/home" },
  { name: "POST /healthz (not a form)", files: ["healthz.ts"], method: "POST", path: () => "/healthz",
                                                                                         expect: "405        405          405       405       405       405       405" },
  { name: "POST /logout", files: ["logout.tsx"], method: "POST", path: () => "/logout", fresh: true,
                                                                                         expect: "302:/login 302:/login   302:/login 302:/login 302:/login 302:/login 302:/login" },
  { name: "POST /account intent=details (own name, unchanged)", files: ["account.tsx"], method: "POST", path: () => "/account", intent: "details",
    body: (f, who) => ({ intent: "details", ...(who === "anonymous" ? { name: "Nobody" } : f.names[who]) }),
                                                                                         expect: "302:login  302:here     302:here  302:here  302:here  302:here  302:here" },
  { name: "POST /account intent=password (a wrong current password)", files: ["account.tsx"], method: "POST", path: () => "/account", intent: "password",
    body: () => ({ intent: "password", currentPassword: NOT_THE_CURRENT_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
                                                                                         expect: "302:login  400          400       400       400       400       400", text: { 400: "That is not your current password." } },
  { name: "POST /invite/:token (pending, a strong password)", files: ["invite.$token.tsx"], method: "POST", fresh: true,
    path: (f, who) => `/invite/${f.acceptTokens[who]}`, body: () => ({ password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
                                                                                         expect: "302:/home  302:/home    302:/home 302:/home 302:/home 302:/home 302:/home" },
  { name: "POST /invite/no-such-token", files: ["invite.$token.tsx"], method: "POST",
    path: () => "/invite/no-such-token", body: () => ({ password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
                                                                                         expect: "404        404          404       404       404       404       404" },
  ...INVITATION_STATES.map((state): Row => ({ name: `POST /invite/:token (${state})`, files: ["invite.$token.tsx"], method: "POST",
    path: (f) => `/invite/${f.goneTokens[state]}`, body: () => ({ password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
                                                                                         expect: "410        410          410       410       410       410       410" })),
  { name: "POST /admin/people/:userId intent=access (a Northbridge person, unchanged)", files: ["admin.people.$userId.tsx"], method: "POST", intent: "access",
    path: (f) => `/admin/people/${f.northbridgePerson.id}`, body: (f) => f.northbridgePerson.access,
                                                                                         expect: "302:login  403          403       403       403       302:here  404" },
  { name: "POST /admin/people/:userId intent=deactivate (a Northbridge person)", files: ["admin.people.$userId.tsx"], method: "POST", intent: "deactivate",
    path: (f) => `/admin/people/${f.northbridgePerson.id}`, body: () => ({ intent: "deactivate" }),
                                                                                         expect: "302:login  403          403       403       403       302:here  404" },
  { name: "POST /admin/people/:userId intent=reactivate (a Northbridge person)", files: ["admin.people.$userId.tsx"], method: "POST", intent: "reactivate",
    path: (f) => `/admin/people/${f.northbridgePerson.id}`, body: () => ({ intent: "reactivate" }),
                                                                                         expect: "302:login  403          403       403       403       302:here  404" },
  { name: "POST /admin/people/:userId intent=password-link (a Northbridge person)", files: ["admin.people.$userId.tsx"], method: "POST", intent: "password-link",
    path: (f) => `/admin/people/${f.northbridgePerson.id}`, body: () => ({ intent: "password-link" }),
                                                                                         expect: "302:login  403          403       403       403       200       404", text: { 200: "/invite/" } },
  { name: "POST /admin/people/:userId intent=deactivate (an Eastmoor person)", files: ["admin.people.$userId.tsx"], method: "POST", intent: "deactivate",
    path: (f) => `/admin/people/${f.eastmoorPersonId}`, body: () => ({ intent: "deactivate" }),
                                                                                         expect: "302:login  403          403       403       403       404       302:here" },
  { name: "POST /admin/invitations intent=invite (a new address)", files: ["admin.invitations.tsx"], method: "POST", path: () => "/admin/invitations", intent: "invite",
    body: (_f, who) => ({ intent: "invite", name: "Matrix Invitee", email: `matrix-invitee-${who.toLowerCase()}@example.org`, roles: "practitioner" }),
                                                                                         expect: "302:login  403          403       403       403       200       200", text: { 200: "Invitation ready for Matrix Invitee" } },
  { name: "POST /admin/invitations intent=revoke (a Northbridge invitation)", files: ["admin.invitations.tsx"], method: "POST", path: () => "/admin/invitations", intent: "revoke",
    body: (f, who) => ({ intent: "revoke", invitationId: f.northbridgeInvitations[who] }),
                                                                                         expect: "302:login  403          403       403       403       302:here  404" },
  { name: "POST /admin/invitations intent=revoke (an Eastmoor invitation)", files: ["admin.invitations.tsx"], method: "POST", path: () => "/admin/invitations", intent: "revoke",
    body: (f, who) => ({ intent: "revoke", invitationId: f.eastmoorInvitations[who] }),
                                                                                         expect: "302:login  403          403       403       403       404       302:here" },
  { name: "POST /admin/teams intent=create (a new name)", files: ["admin.teams.tsx"], method: "POST", path: () => "/admin/teams", intent: "create",
    body: (_f, who) => ({ intent: "create", name: `Matrix team of ${who}` }),
                                                                                         expect: "302:login  403          403       403       403       302:here  302:here" },
  { name: "POST /admin/teams intent=rename (a Northbridge team, same name)", files: ["admin.teams.tsx"], method: "POST", path: () => "/admin/teams", intent: "rename",
    body: (f) => ({ intent: "rename", teamId: f.northbridgeTeam.id, name: f.northbridgeTeam.name }),
                                                                                         expect: "302:login  403          403       403       403       302:here  404" },
  { name: "POST /admin/teams intent=rename (an Eastmoor team, same name)", files: ["admin.teams.tsx"], method: "POST", path: () => "/admin/teams", intent: "rename",
    body: (f) => ({ intent: "rename", teamId: f.eastmoorTeam.id, name: f.eastmoorTeam.name }),
                                                                                         expect: "302:login  403          403       403       403       404       302:here" },
];

const ROUTES_DIR = path.resolve("app", "routes");

type Expectation = {
  status: number;
  location?: "login" | "here" | "run" | "reflection" | "session" | "feed" | "page" | "draft" | string;
};

function parseExpectation(token: string): Expectation {
  const [status, location] = token.split(":");
  return { status: Number(status), location };
}

const CELLS = MATRIX.flatMap((row) => {
  const tokens = row.expect.trim().split(/\s+/);
  if (tokens.length !== PERSONAS.length)
    throw new Error(`The row "${row.name}" has ${tokens.length} cells, not ${PERSONAS.length}`);
  return PERSONAS.map((who, index) => {
    const expected = parseExpectation(tokens[index]!);
    return { row, who, expected, title: `${row.name} as ${PERSONA_LABELS[who]} → ${tokens[index]}` };
  });
});

/** What a stack trace leaves behind: frames, source paths, dependency paths. */
function expectNoStackTrace(html: string) {
  expect(html).not.toMatch(/\bat \S+ \(.*:\d+:\d+\)/);
  expect(html).not.toMatch(/^\s*at \S+/m);
  expect(html).not.toMatch(/\/app\/|node_modules|file:\/\/|\/work\//);
  expect(html).not.toMatch(/\b(TypeError|ReferenceError|PrismaClient\w*Error|ZodError)\b/);
}

const ERROR_HEADINGS: Record<number, string> = {
  403: "This page is not part of your role",
  404: "We cannot find that page",
  410: "This link no longer works",
};

let server: TestServer;
let fixtures: Fixtures;
const clients = new Map<Persona, Client>();

async function invite(client: Client, fields: { name: string; email: string }): Promise<string> {
  const response = await client.post("/admin/invitations", { intent: "invite", roles: "practitioner", ...fields });
  const html = await response.text();
  const token = html.match(/\/invite\/([A-Za-z0-9_-]{20,})/)?.[1];
  if (response.status !== 200 || !token) throw new Error(`Inviting ${fields.email} answered ${response.status}`);
  return token;
}

async function invitationId(email: string): Promise<string> {
  const invitation = await server.db.invitation.findFirstOrThrow({ where: { email }, select: { id: true } });
  return invitation.id;
}

async function prepareFixtures(): Promise<Fixtures> {
  const admin = clients.get("admin")!;
  const otherAdmin = clients.get("otherAdmin")!;

  const names = {} as Fixtures["names"];
  for (const who of PERSONAS) {
    if (who === "anonymous") continue;
    const user = await server.db.user.findUniqueOrThrow({
      where: { email: EMAILS[who] },
      select: { name: true, preferredName: true },
    });
    names[who] = { name: user.name, preferredName: user.preferredName ?? "" };
  }

  const person = await server.db.user.findUniqueOrThrow({
    where: { email: "siobhan.kelly@northbridge.example" },
    select: {
      id: true,
      name: true,
      roles: { select: { role: true } },
      memberships: { select: { teamId: true, role: true } },
    },
  });
  const access: Body = { intent: "access", name: person.name, roles: person.roles.map((r) => r.role) };
  for (const membership of person.memberships) access[`team.${membership.teamId}`] = membership.role;

  const northbridgeTeam = await server.db.team.findFirstOrThrow({
    where: { name: "SEND Casework Team" },
    select: { id: true, name: true },
  });
  const eastmoorTeam = await server.db.team.findFirstOrThrow({
    where: { name: "Inclusion Team" },
    select: { id: true, name: true },
  });

  const pendingToken = await invite(admin, { name: "Matrix Pending", email: "matrix-pending@example.org" });

  const acceptedToken = await invite(admin, { name: "Matrix Accepted", email: "matrix-accepted@example.org" });
  const accepted = await new Client(server.baseUrl, "198.18.10.50").post(`/invite/${acceptedToken}`, {
    password: NEW_PASSWORD,
    confirmPassword: NEW_PASSWORD,
  });
  if (accepted.status !== 302) throw new Error(`Accepting an invitation answered ${accepted.status}`);

  const expiredToken = await invite(admin, { name: "Matrix Expired", email: "matrix-expired@example.org" });
  await server.db.invitation.updateMany({
    where: { email: "matrix-expired@example.org" },
    data: { expiresAt: new Date(Date.now() - 60_000) },
  });

  const revokedToken = await invite(admin, { name: "Matrix Revoked", email: "matrix-revoked@example.org" });
  const revoked = await admin.post("/admin/invitations", {
    intent: "revoke",
    invitationId: await invitationId("matrix-revoked@example.org"),
  });
  if (revoked.status !== 302) throw new Error(`Revoking an invitation answered ${revoked.status}`);

  const acceptTokens = {} as Record<Persona, string>;
  const northbridgeInvitations = {} as Record<Persona, string>;
  const eastmoorInvitations = {} as Record<Persona, string>;
  for (const who of PERSONAS) {
    const slug = who.toLowerCase();
    acceptTokens[who] = await invite(admin, {
      name: `Matrix Joiner ${slug}`,
      email: `matrix-joiner-${slug}@example.org`,
    });
    await invite(admin, { name: `Matrix Withdrawn ${slug}`, email: `matrix-nb-revoke-${slug}@example.org` });
    northbridgeInvitations[who] = await invitationId(`matrix-nb-revoke-${slug}@example.org`);
    await invite(otherAdmin, { name: `Matrix Withdrawn ${slug}`, email: `matrix-em-revoke-${slug}@example.org` });
    eastmoorInvitations[who] = await invitationId(`matrix-em-revoke-${slug}@example.org`);
  }

  const practitioner = clients.get("practitioner")!;
  const startRun = async () => {
    const response = await practitioner.post("/practise/phone-before-the-letter", {});
    const location = response.headers.get("Location") ?? "";
    if (response.status !== 302 || !location.startsWith("/practise/runs/")) throw new Error("Starting a run failed");
    return location.split("/").pop()!;
  };
  const runs = { inProgress: await startRun(), toAbandon: await startRun(), completed: await startRun() };
  await practitioner.post(`/practise/runs/${runs.completed}`, { intent: "move", step: "0", choice: "introduce-and-check-time" });
  await server.db.practiceRun.update({ where: { id: runs.completed }, data: { status: "completed", endedAt: new Date() } });

  const started = await practitioner.post("/journal/new", {});
  const reflection = started.headers.get("Location")?.split("/").pop();
  if (started.status !== 302 || !reflection) throw new Error("Starting a reflection failed");

  const another = await practitioner.post("/journal/new", {});
  const sharedReflection = another.headers.get("Location")?.split("/").pop();
  if (!sharedReflection) throw new Error("Starting a second reflection failed");
  await practitioner.post(`/journal/${sharedReflection}`, { intent: "share" });

  const practitionerId = await userId(server, EMAILS.practitioner);
  const managerId = await userId(server, EMAILS.manager);
  const organisationId = (await server.db.organisation.findUniqueOrThrow({ where: { slug: "northbridge" } })).id;
  const session = async (startsAt: Date, extra: { status?: string; recordedAt?: Date } = {}) =>
    (
      await server.db.supervisionSession.create({
        data: {
          organisationId,
          supervisorId: managerId,
          superviseeId: practitionerId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 60 * 60 * 1000),
          location: "Room 1",
          ...extra,
        },
      })
    ).id;
  const day = 24 * 60 * 60 * 1000;
  const upcoming = await session(new Date("2028-10-03T09:00:00Z"));
  const held = await session(new Date(Date.now() - 9 * day), { status: "held", recordedAt: new Date() });
  const action = await server.db.agreedAction.create({
    data: { sessionId: held, supervisorId: managerId, superviseeId: practitionerId, ownerId: practitionerId, text: "Read the guidance", dueOn: "2027-01-10" },
  });
  // Someone outside the personas, so the feed rows above cannot replace or turn it off.
  const member = await signedIn(server, "tomasz.nowak@northbridge.example", "198.18.10.60");
  const feed = await member.post("/supervision", { intent: "create-feed" });
  const feedToken = new URL(feed.headers.get("Location") ?? "/", server.baseUrl).searchParams.get("feed");
  if (!feedToken) throw new Error("Making a calendar feed failed");

  const version = await server.db.scenarioVersion.findFirstOrThrow({ where: { scenario: { slug: "phone-before-the-letter" } } });
  const ownWordsRun = (
    await server.db.practiceRun.create({
      data: {
        userId: practitionerId,
        organisationId,
        scenarioVersionId: version.id,
        mode: "own-words",
        state: JSON.stringify({ mode: "own-words", arc: { nodeId: "opening", ended: false } }),
        stepCount: 1,
        turns: { create: { number: 1, speaker: "persona", text: "Hello? Who is this?", nodeId: "opening" } },
      },
    })
  ).id;

  const draftSource = fs.readFileSync(path.join("scenarios", "phone-before-the-letter.yaml"), "utf8");
  const draftIn = async (slug: string) => {
    const organisation = await server.db.organisation.findUniqueOrThrow({ where: { slug } });
    const draft = await server.db.scenarioDraft.create({
      data: {
        organisationId: organisation.id,
        slug: "phone-before-the-letter",
        title: "Matrix draft",
        source: draftSource,
        createdById: "seed",
        updatedById: "seed",
      },
    });
    return draft.id;
  };

  const publishedIn = async (slug: string) => {
    const organisation = await server.db.organisation.findUniqueOrThrow({ where: { slug } });
    const scenario = await server.db.scenario.create({
      data: {
        origin: "organisation",
        organisationId: organisation.id,
        slug: `matrix-${slug}`,
        title: "Matrix scenario",
        versions: {
          create: {
            number: 1,
            contentHash: `matrix-${slug}@1`,
            source: version.source,
            content: version.content.replace('"id":"phone-before-the-letter"', `"id":"matrix-${slug}"`),
          },
        },
      },
    });
    return scenario.id;
  };

  return {
    practitionerId,
    drafts: {
      northbridge: await draftIn("northbridge"),
      eastmoor: await draftIn("eastmoor"),
      review: await draftIn("northbridge"),
    },
    scenarios: {
      library: version.scenarioId,
      northbridge: await publishedIn("northbridge"),
      eastmoor: await publishedIn("eastmoor"),
    },
    authoring: Object.fromEntries(
      await Promise.all(AUTHORING_DRAFTS.map(async (name) => [name, await draftIn("northbridge")] as const)),
    ) as Record<AuthoringDraft, string>,
    ownWordsRun,
    supervision: {
      upcoming,
      toCancel: await session(new Date("2028-10-10T09:00:00Z")),
      past: await session(new Date(Date.now() - 2 * day)),
      held,
      action: action.id,
      feedToken,
    },
    reflection,
    sharedReflection,
    runs,
    names,
    northbridgePerson: { id: person.id, access },
    eastmoorPersonId: await userId(server, "practitioner@eastmoor.example"),
    managersTeamMemberId: await userId(server, "tomasz.nowak@northbridge.example"),
    northbridgeTeam,
    eastmoorTeam,
    pendingToken,
    goneTokens: { accepted: acceptedToken, expired: expiredToken, revoked: revokedToken },
    acceptTokens,
    northbridgeInvitations,
    eastmoorInvitations,
  };
}

beforeAll(async () => {
  server = await startTestServer();
  clients.set("anonymous", new Client(server.baseUrl, ADDRESSES.anonymous));
  for (const who of PERSONAS) {
    if (who !== "anonymous") clients.set(who, await signedIn(server, EMAILS[who], ADDRESSES[who]));
  }
  fixtures = await prepareFixtures();
});
afterAll(async () => {
  await server.close();
});

/** What a refused request must leave alone (sessions aside: fresh cells sign in). */
async function records() {
  const [supervision, agenda, actions, agreements, feeds, drafts, studio] = await Promise.all([
    server.db.supervisionSession.findMany({
      orderBy: { id: "asc" },
      select: { id: true, startsAt: true, status: true, heldMinutes: true, confirmedAt: true, location: true },
    }),
    server.db.agendaItem.count(),
    server.db.agreedAction.findMany({ orderBy: { id: "asc" }, select: { id: true, doneAt: true } }),
    server.db.supervisionAgreement.findMany({ orderBy: { id: "asc" } }),
    server.db.calendarFeed.findMany({ orderBy: { id: "asc" }, select: { id: true, revokedAt: true } }),
    server.db.scenarioDraft.findMany({
      orderBy: { id: "asc" },
      select: { id: true, source: true, version: true, status: true, reviewRound: true, scenarioId: true },
    }),
    studioRecords(),
  ]);
  const [users, teams, memberships, invitations, auditEvents] = await Promise.all([
    server.db.user.findMany({
      orderBy: { id: "asc" },
      select: { id: true, name: true, preferredName: true, passwordHash: true, deactivatedAt: true, roles: true },
    }),
    server.db.team.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true } }),
    server.db.teamMembership.findMany({ orderBy: { id: "asc" }, select: { teamId: true, userId: true, role: true } }),
    server.db.invitation.findMany({ orderBy: { id: "asc" }, select: { id: true, acceptedAt: true, revokedAt: true } }),
    server.db.auditEvent.count(),
  ]);
  return {
    users,
    teams,
    memberships,
    invitations,
    auditEvents,
    supervision,
    agenda,
    actions,
    agreements,
    feeds,
    drafts,
    studio,
  };
}

/** The studio's review threads, published scenarios and the approvals setting. */
async function studioRecords() {
  const [comments, scenarios, versions, organisations] = await Promise.all([
    server.db.reviewComment.count(),
    server.db.scenario.findMany({ orderBy: { id: "asc" }, select: { id: true, archivedAt: true } }),
    server.db.scenarioVersion.count(),
    server.db.organisation.findMany({ orderBy: { id: "asc" }, select: { requiredApprovals: true } }),
  ]);
  return { comments, scenarios, versions, organisations };
}

async function clientFor(who: Persona, fresh: boolean | undefined): Promise<Client> {
  // A new anonymous client each time, so a sign-in in one cell cannot leak into the next.
  if (who === "anonymous") return new Client(server.baseUrl, ADDRESSES.anonymous);
  if (!fresh) return clients.get(who)!;
  return signedIn(server, EMAILS[who], ADDRESSES[who]);
}

describe("the permission matrix", () => {
  it.each(CELLS)("$title", async ({ row, who, expected }) => {
    const client = await clientFor(who, row.fresh);
    const pathname = row.path(fixtures, who);
    const refused = row.method === "POST" && (expected.status >= 400 || expected.location === "login");
    const before = refused ? await records() : null;
    const sent = row.body?.(fixtures, who) ?? {};
    if (row.intent) expect(sent.intent, "the row's intent is the one its body sends").toBe(row.intent);
    const response = row.method === "GET" ? await client.get(pathname) : await client.post(pathname, sent);
    const body = await response.text();
    expect(response.status, body.slice(0, 300)).toBe(expected.status);

    if (expected.location) {
      const signIn = pathname === "/home" ? "/login" : `/login?${new URLSearchParams({ redirectTo: pathname })}`;
      if (expected.location === "run") {
        expect(response.headers.get("Location")).toMatch(/^\/practise\/runs\/\w+$/);
      } else if (expected.location === "reflection") {
        expect(response.headers.get("Location")).toMatch(/^\/journal\/\w+$/);
      } else if (expected.location === "draft") {
        expect(response.headers.get("Location")).toMatch(/^\/studio\/drafts\/\w+$/);
      } else if (expected.location === "form") {
        // Another form page of the same draft: its people and meters, or a node.
        expect(response.headers.get("Location")).toMatch(/^\/studio\/drafts\/\w+\/(people|nodes\/[\w-]+)$/);
      } else if (expected.location === "session") {
        expect(response.headers.get("Location")).toMatch(/^\/supervision\/sessions\/\w+$/);
      } else if (expected.location === "page") {
        expect(response.headers.get("Location")).toBe(pathname.replace(/\/(calendar\.ics|reply)$/, ""));
      } else if (expected.location === "feed") {
        expect(response.headers.get("Location")).toMatch(/^\/supervision\?feed=[\w-]+#calendar-heading$/);
      } else {
        const where = { login: signIn, here: pathname }[expected.location] ?? expected.location;
        expect(response.headers.get("Location")).toBe(where);
      }
    }
    const heading = ERROR_HEADINGS[expected.status];
    if (heading && row.machine) {
      expect(response.headers.get("Content-Type")).toMatch(/^(text\/plain|application\/x-ndjson)/);
      expectNoStackTrace(body);
    } else if (heading) {
      expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
      expect(body).toMatch(new RegExp(`<h1[^>]*>${heading}</h1>`));
      expectNoStackTrace(body);
    }
    // A refused request changes nothing: no record, and no audit entry saying it did.
    if (before) expect(await records()).toEqual(before);
    const text = row.text?.[expected.status];
    // React separates adjacent text with empty comments; the reader sees one sentence.
    if (text) expect(body.replaceAll("<!-- -->", "")).toContain(text);
  });
});

describe("the matrix covers every route", () => {
  const routeFiles = fs.readdirSync(ROUTES_DIR).filter((file) => /\.(tsx?|jsx?)$/.test(file));

  it("finds the route modules to check", () => {
    expect(routeFiles.length).toBeGreaterThan(10);
  });

  it.each(routeFiles)("has a GET row for %s", (file) => {
    expect(MATRIX.filter((row) => row.method === "GET" && row.files.includes(file)).map((row) => row.name)).not.toEqual(
      [],
    );
  });

  it.each(routeFiles)("has a POST row for each action and intent of %s", (file) => {
    const source = fs.readFileSync(path.join(ROUTES_DIR, file), "utf8");
    const postRows = MATRIX.filter((row) => row.method === "POST" && row.files.includes(file));
    const hasAction = /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(source);
    expect(
      postRows.length > 0,
      `${file} ${hasAction ? "has an action but no POST row" : "has POST rows but no action"}`,
    ).toBe(hasAction);
    const intents = [...source.matchAll(/intent:\s*z\.literal\("([^"]+)"\)/g)].map((match) => match[1]);
    for (const intent of intents) {
      expect(
        postRows.some((row) => row.intent === intent),
        `${file}: no POST row for intent "${intent}"`,
      ).toBe(true);
    }
  });

  it("names only route modules that exist", () => {
    const named = new Set(MATRIX.flatMap((row) => row.files));
    expect([...named].filter((file) => !routeFiles.includes(file))).toEqual([]);
  });
});

describe("error pages help and never show a stack trace", () => {
  it("answers a page outside the role with the 403 page", async () => {
    const response = await clients.get("practitioner")!.get("/admin/audit");
    expect(response.status).toBe(403);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain("<h1>This page is not part of your role</h1>");
    expect(html).toContain("ask an admin in your organisation to check your roles");
    expect(html).toContain('href="/home"');
    expectNoStackTrace(html);
  });

  it("answers an unknown address with the 404 page", async () => {
    const response = await clients.get("anonymous")!.get("/this/does/not/exist");
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain("<h1>We cannot find that page</h1>");
    expect(html).toContain("<title>Page not found · Heartwork</title>");
    expectNoStackTrace(html);
  });

  it("answers another organisation's record with the same 404 page, naming nothing of it", async () => {
    const response = await clients.get("otherAdmin")!.get(`/admin/people/${fixtures.northbridgePerson.id}`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("<h1>We cannot find that page</h1>");
    expect(html).not.toContain("Siobhan");
    expect(html).not.toContain("northbridge");
    expectNoStackTrace(html);
  });
});
