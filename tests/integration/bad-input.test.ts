import { afterAll, beforeAll, expect, it } from "vitest";
import { Client, signedIn, startTestServer, userId, type TestServer } from "./helpers/test-server";

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

function excerpt(html: string) {
  const main = html.match(/<main[\s\S]*?<\/main>/)?.[0] ?? html;
  return main.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 400);
}

it("probe", async () => {
  const admin = await signedIn(server, "admin@northbridge.example", "10.0.0.1");
  const anon = new Client(server.baseUrl, "10.0.0.2");
  const id = await userId(server, "wei.chen@northbridge.example");
  const teams = await server.db.team.findMany();
  const show = async (label: string, r: Response) => { const t = await r.text(); const body = t.replace(/<script[\s\S]*?<\/script>/g, ""); console.log("PROBE", label, r.status, r.headers.get("location"), t.length, /There is a problem|field-error|We could not use what was sent|role="alert"/.test(body), (body.match(/class="(field-error|error-summary)"[\s\S]{0,300}/)?.[0] ?? "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 200)); };
  await show("POST /home", await admin.post("/home", {}));
  await show("POST /nope", await admin.post("/nope", {}));
  await show("GET /nope", await anon.get("/nope"));
  await show("POST /healthz", await anon.post("/healthz", {}));
  await show("GET /admin/people/x", await admin.get("/admin/people/xxx"));
  await show("teams empty", await admin.post("/admin/teams", {}));
  await show("teams unknown intent", await admin.post("/admin/teams", { intent: "explode", name: "x" }));
  await show("teams rename 1MB id", await admin.post("/admin/teams", { intent: "rename", teamId: "x".repeat(1 << 20), name: "x" }));
  await show("teams create %zz", await admin.request("/admin/teams", { method: "POST", body: "intent=create&name=Team%zz", headers: { "Content-Type": "application/x-www-form-urlencoded" } }));
  await show("teams json", await admin.request("/admin/teams", { method: "POST", body: JSON.stringify({ intent: "create", name: "J" }), headers: { "Content-Type": "application/json" } }));
  await show("teams multipart", await admin.request("/admin/teams", { method: "POST", body: "--xx\r\nContent-Disposition: form-data; name=\"intent\"\r\n\r\ncreate\r\n--yy--", headers: { "Content-Type": "multipart/form-data; boundary=xx" } }));
  await show("people empty", await admin.post(`/admin/people/${id}`, {}));
  await show("people unknown", await admin.post(`/admin/people/${id}`, { intent: "explode" }));
  await show("inv revoke 1MB", await admin.post(`/admin/invitations`, { intent: "revoke", invitationId: "x".repeat(1 << 20) }));
  await show("inv invite bad email", await admin.post(`/admin/invitations`, { intent: "invite", name: "Priya Test", email: "not-an-email", roles: "practitioner" }));
  await show("account empty", await admin.post(`/account`, {}));
  await show("logout empty", await anon.post(`/logout`, {}));
  await show("logout json", await anon.request(`/logout`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } }));
  await show("login empty", await anon.post(`/login`, {}));
  await show("invite unknown GET", await anon.get(`/invite/abc`));
  await show("invite unknown POST", await anon.post(`/invite/abc`, {}));
  await show("anon post account", await anon.post(`/account`, {intent:"details", name:"x"}));
  expect(1).toBe(1);
});
