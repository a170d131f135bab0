import type { MetaFunction } from "@remix-run/node";

export default function Accessibility() {
  return (
    <div className="stack">
      <h1>Accessibility</h1>
      <p className="lede">We want everyone who works with children and families to be able to use Heartwork.</p>
      <h2>What we aim for</h2>
      <p>
        Heartwork is built to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, the standard UK public
        sector bodies must meet. You should be able to:
      </p>
      <ul>
        <li>use every page with a keyboard alone, with a visible focus at all times</li>
        <li>use it with a screen reader, speech recognition or a screen magnifier</li>
        <li>zoom to 400% and use it on a phone 320 pixels wide without scrolling sideways</li>
        <li>sign in and use the main features without JavaScript</li>
      </ul>
      <h2>How we check</h2>
      <p>
        Every page reached by our browser tests is checked automatically for accessibility problems on every change, and we
        test the main journeys by keyboard.
      </p>
      <h2>Tell us about a problem</h2>
      <p>
        If something in Heartwork is hard to use, tell your organisation&apos;s Heartwork admin, who will pass it on to us. We
        treat accessibility problems as bugs to fix, not requests.
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Accessibility · Heartwork" }];
