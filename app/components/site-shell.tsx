import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import type { Flash } from "~/services/flash.server";
import { clearLocalDrafts } from "./local-drafts";

export type Viewer = {
  name: string;
  organisation: string;
  nav: { to: string; label: string }[];
};

/** Moves focus to the page's main content after a client-side navigation. */
function useFocusOnNavigate() {
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  // Compared with the last path rather than counting renders, so React's double
  // effects in development never move focus on the first load.
  const lastPath = useRef(location.pathname);
  useEffect(() => {
    if (lastPath.current === location.pathname) return;
    lastPath.current = location.pathname;
    const heading = mainRef.current?.querySelector<HTMLElement>("h1");
    const target = heading ?? mainRef.current;
    if (!target) return;
    if (target === heading) target.setAttribute("tabindex", "-1");
    target.focus();
  }, [location.pathname]);
  return mainRef;
}

export function SiteShell({ viewer, flash, children }: { viewer: Viewer | null; flash: Flash | null; children: ReactNode }) {
  const mainRef = useFocusOnNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to={viewer ? "/home" : "/"} className="brand">
            <span aria-hidden="true" className="brand__mark">
              ♥
            </span>
            Heartwork
          </Link>
          {viewer ? (
            <div className="account">
              <span className="account__who">
                <span className="visually-hidden">Signed in as </span>
                {viewer.name}
                <span className="account__org">{viewer.organisation}</span>
              </span>
              <Link to="/account" className="account__link">
                Your account
              </Link>
              <Form method="post" action="/logout" className="account__signout" onSubmit={clearLocalDrafts}>
                <button type="submit" className="button button--quiet">
                  Sign out
                </button>
              </Form>
            </div>
          ) : null}
        </div>
        {viewer && viewer.nav.length > 0 ? (
          <nav aria-label="Main" className="main-nav">
            <ul>
              {viewer.nav.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} prefetch="intent">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="site-main">
        {flash ? (
          <div role="status" className={`flash flash--${flash.kind}`}>
            {flash.message}
          </div>
        ) : null}
        {children}
      </main>
      <footer className="site-footer">
        <p>
          Heartwork: practise the conversations that matter, reflect, and grow with support. Every person in the scenarios is
          invented.
        </p>
        <p>
          <Link to="/accessibility">Accessibility</Link>
        </p>
      </footer>
    </>
  );
}
