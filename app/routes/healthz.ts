import { databaseAnswers } from "~/services/db.server";

export async function loader() {
  const ok = await databaseAnswers();
  return Response.json(ok ? { status: "ok" } : { status: "unavailable" }, { status: ok ? 200 : 503 });
}
