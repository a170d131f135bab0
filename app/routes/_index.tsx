import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { getOptionalUser } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/home");
  return null;
}

export default function Welcome() {
  return (
    <div className="stack">
      <p className="eyebrow">For people who work in SEND services</p>
      <h1>Practise the conversations that make or break a family&apos;s trust</h1>
      <p className="lede">
        Heartwork is a safe place to rehearse the hard calls and meetings: phoning a parent before a &ldquo;no&rdquo; letter
        arrives, a first meeting after a bad experience, a review where a child&apos;s own voice must be heard.
      </p>
      <ul className="cards">
        <li className="card">
          <h2>Practise</h2>
          <p>Branching role-plays written with parent carers, with a debrief that explains what helped and why.</p>
        </li>
        <li className="card">
          <h2>Reflect</h2>
          <p>A private journal. Nothing you write is shared unless you choose to share it.</p>
        </li>
        <li className="card">
          <h2>Grow with support</h2>
          <p>Reflective supervision with agreed actions, and time for growth counted, never caseloads or rankings.</p>
        </li>
      </ul>
      <p>
        <Link to="/login" className="button">
          Sign in
        </Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Heartwork: practise the conversations that matter" }];
