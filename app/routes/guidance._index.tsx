import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GuidanceCards } from "~/components/guidance-cards";
import { requireUser } from "~/services/auth.server";
import { listGuidancePages } from "~/services/guidance.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { pages: await listGuidancePages() };
}

export default function GuidanceList() {
  const { pages } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Guidance</h1>
      <p className="lede">Short, practical notes on the conversations Heartwork helps you practise.</p>
      <GuidanceCards pages={pages} headingLevel="h2" />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Guidance · Heartwork" }];
