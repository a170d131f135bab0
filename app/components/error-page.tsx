import { Link } from "@remix-run/react";

const PAGES: Record<number, { title: string; body: string }> = {
  400: {
    title: "We could not use what was sent",
    body: "Something in the request was not as expected. Go back, check the form and try again.",
  },
  403: {
    title: "This page is not part of your role",
    body: "Your account does not include this part of Heartwork. If you think it should, ask an admin in your organisation to check your roles.",
  },
  404: {
    title: "We cannot find that page",
    body: "The link may be old, or the page may have moved. Check the address, or start again from your home page.",
  },
  405: {
    title: "That cannot be done on this page",
    body: "The page was asked to do something it does not do. Go back to the page you were on and use its buttons and forms.",
  },
  410: {
    title: "This link no longer works",
    body: "It has been used, withdrawn or has expired. Ask your organisation's Heartwork admin for a new one.",
  },
  500: {
    title: "Something went wrong on our side",
    body: "This is not something you did. Nothing you had already saved has been lost. Please try again in a moment.",
  },
};

export function ErrorPage({ status }: { status: number }) {
  const page = PAGES[status] ?? PAGES[500]!;
  return (
    <div className="stack error-page">
      <p className="eyebrow">Error {status}</p>
      <h1>{page.title}</h1>
      <p>{page.body}</p>
      <ul className="link-list">
        <li>
          <Link to="/home">Go to your home page</Link>
        </li>
        <li>
          <Link to="/login">Sign in</Link>
        </li>
      </ul>
    </div>
  );
}
