import { Link } from "@remix-run/react";

/** Guidance pages as cards, each linking to its page. */
export function GuidanceCards({
  pages,
  headingLevel: Heading,
}: {
  pages: { slug: string; title: string; summary: string }[];
  headingLevel: "h2" | "h3";
}) {
  return (
    <ul className="cards">
      {pages.map((page) => (
        <li className="card" key={page.slug}>
          <Heading>
            <Link to={`/guidance/${page.slug}`}>{page.title}</Link>
          </Heading>
          <p>{page.summary}</p>
        </li>
      ))}
    </ul>
  );
}
