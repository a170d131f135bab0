import { useEffect, useRef, useState } from "react";

/**
 * Optional speech for own-words practice, only where the browser offers it: speak your answer
 * (it lands in the text box, to read and edit before sending) and hear the parent's replies read
 * aloud. Nothing here is needed to practise; without it the page is unchanged.
 */

type Recognition = {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  start(): void;
  stop(): void;
  onresult: ((event: { results: ArrayLike<ArrayLike<{ transcript: string }>> }) => void) | null;
  onend: (() => void) | null;
  onerror: ((event: { error: string }) => void) | null;
};

function recognitionConstructor(): (new () => Recognition) | null {
  if (typeof window === "undefined") return null;
  const candidate =
    (window as unknown as Record<string, unknown>).SpeechRecognition ??
    (window as unknown as Record<string, unknown>).webkitSpeechRecognition;
  return typeof candidate === "function" ? (candidate as new () => Recognition) : null;
}

/** A button that fills `target` with what is said; shown only when the browser can listen. */
export function SpeakButton({ target }: { target: React.RefObject<HTMLTextAreaElement | null> }) {
  const [supported, setSupported] = useState(false);
  const [listening, setListening] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const recognition = useRef<Recognition | null>(null);
  useEffect(() => setSupported(recognitionConstructor() !== null), []);
  if (!supported) return null;
  const toggle = () => {
    if (listening) {
      recognition.current?.stop();
      return;
    }
    const Constructor = recognitionConstructor();
    if (!Constructor) return;
    const listener = new Constructor();
    listener.lang = "en-GB";
    listener.interimResults = false;
    listener.continuous = false;
    listener.onresult = (event) => {
      const said = Array.from(event.results, (result) => result[0]?.transcript ?? "")
        .join(" ")
        .trim();
      const box = target.current;
      if (box && said) {
        box.value = box.value ? `${box.value.trimEnd()} ${said}` : said;
        box.dispatchEvent(new Event("input", { bubbles: true }));
        box.focus();
      }
    };
    listener.onerror = (event) =>
      setProblem(
        event.error === "not-allowed"
          ? "The browser was not allowed to use the microphone."
          : "Nothing was heard. Try again, or type instead.",
      );
    listener.onend = () => setListening(false);
    setProblem(null);
    setListening(true);
    recognition.current = listener;
    listener.start();
  };
  return (
    <>
      <button type="button" className="button button--secondary" aria-pressed={listening} onClick={toggle}>
        {listening ? "Stop listening" : "Speak your answer"}
      </button>
      {problem ? (
        <span className="hint" role="status">
          {problem}
        </span>
      ) : null}
    </>
  );
}

/** A button that reads `text` aloud in a British voice; shown only when the browser can speak. */
export function ReadAloudButton({ text, label }: { text: string; label: string }) {
  const [supported, setSupported] = useState(false);
  useEffect(() => setSupported(typeof window !== "undefined" && "speechSynthesis" in window), []);
  if (!supported) return null;
  const speak = () => {
    window.speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = "en-GB";
    window.speechSynthesis.speak(utterance);
  };
  return (
    <button type="button" className="button button--small button--secondary" onClick={speak}>
      {label}
    </button>
  );
}
