import { Link } from "@remix-run/react";

type Card = { slug: string; title: string; summary: string; readingMinutes?: number };

/** Guidance pages as cards, each linking to its page. */
export function GuidanceCards({ pages, headingLevel: Heading }: { pages: Card[]; headingLevel: "h2" | "h3" }) {
  return (
    <ul className="cards">
      {pages.map((page) => (
        <li className="card" key={page.slug}>
          <Heading>
            <Link to={`/guidance/${page.slug}`}>{page.title}</Link>
          </Heading>
          <p>{page.summary}</p>
          {page.readingMinutes ? <p className="hint">{readingTime(page.readingMinutes)}</p> : null}
        </li>
      ))}
    </ul>
  );
}

export function readingTime(minutes: number): string {
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"} to read`;
}
