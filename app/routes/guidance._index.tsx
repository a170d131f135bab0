import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
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
      <ul className="cards">
        {pages.map((page) => (
          <li className="card" key={page.slug}>
            <h2>
              <Link to={`/guidance/${page.slug}`}>{page.title}</Link>
            </h2>
            <p>{page.summary}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Guidance · Heartwork" }];
