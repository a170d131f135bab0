import { databaseAnswers } from "~/services/db.server";

export async function loader() {
  const ok = await databaseAnswers();
  return Response.json(ok ? { status: "ok" } : { status: "unavailable" }, { status: ok ? 200 : 503 });
}

export function action() {
  return Response.json({ message: "Use GET for /healthz." }, { status: 405, headers: { Allow: "GET, HEAD" } });
}
