import type { MetaFunction } from "@remix-run/node";
import { ErrorPage } from "~/components/error-page";

// Any address no other route matches.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return <ErrorPage status={404} />;
}

export function ErrorBoundary() {
  return <ErrorPage status={404} />;
}

export const meta: MetaFunction = () => [{ title: "Page not found · Heartwork" }];
