import type { EndingTone, LineNode, PauseNode, Scenario } from "~/domain/scenario";

/**
 * How a moment of a scenario and its ending look to the person playing it: shared by the
 * practise player, its debrief and the studio's playtest, so a trainer sees what a learner sees.
 */

export type MomentView =
  { kind: "line"; speaker: string | null; text: string; aside: string | null } | { kind: "pause"; prompt: string };

export function momentOf(scenario: Scenario, node: LineNode | PauseNode): MomentView {
  if (node.type === "pause") return { kind: "pause", prompt: node.prompt };
  const speaker = scenario.personas.find((persona) => persona.id === node.speaker)?.name ?? null;
  return { kind: "line", speaker, text: node.text, aside: node.aside ?? null };
}

/** The words of a line or a pause; the caller supplies the box (focus, live region). */
export function MomentWords({ moment }: { moment: MomentView }) {
  return moment.kind === "line" ? (
    <>
      {moment.aside ? <p className="aside">{moment.aside}</p> : null}
      <p className="speaker">{moment.speaker ? `${moment.speaker} says:` : "What happens:"}</p>
      <blockquote className="line">
        <p>{moment.text}</p>
      </blockquote>
    </>
  ) : (
    <>
      <p className="speaker">Pause for a moment</p>
      <p className="line">{moment.prompt}</p>
    </>
  );
}

const TONES: Record<EndingTone, string> = {
  positive: "It went well",
  mixed: "A mixed outcome",
  difficult: "A difficult outcome",
};

/** `tone` is one of EndingTone; a stored run may hold any string, shown as it is. */
export type EndingView = { tone: string; debrief: string; wentWell: string[]; tryNext: string[] };

/** An ending's tone, debrief, what went well and what to try next; the title is the caller's heading. */
export function EndingOutcome({ ending, headingLevel = 2 }: { ending: EndingView; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <>
      <p className={`tone tone--${ending.tone}`}>{TONES[ending.tone as EndingTone] ?? ending.tone}</p>
      <p className="lede">{ending.debrief}</p>
      <div className="cards two">
        <section className="card" aria-labelledby="went-well-heading">
          <Heading id="went-well-heading">What went well</Heading>
          <ul>
            {ending.wentWell.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="try-next-heading">
          <Heading id="try-next-heading">What to try next time</Heading>
          <ul>
            {ending.tryNext.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}

/** The replies on offer, one submit button each (`name="choice"`), inside the caller's form. */
export function ChoiceButtons({ choices, busy }: { choices: { id: string; says: string }[]; busy: boolean }) {
  return (
    <ul>
      {choices.map((choice) => (
        <li key={choice.id}>
          <button type="submit" name="choice" value={choice.id} className="choice-button" disabled={busy}>
            {choice.says}
          </button>
        </li>
      ))}
    </ul>
  );
}
