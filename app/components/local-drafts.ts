/**
 * A copy of what someone is writing, kept in this browser until the server has it,
 * so a timed-out or signed-out session never loses a draft. Cleared on sign-out.
 */

const PREFIX = "heartwork:draft:";

export type LocalDraft = { savedAt: number; values: Record<string, string> };

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function writeLocalDraft(key: string, values: Record<string, string>): void {
  storage()?.setItem(PREFIX + key, JSON.stringify({ savedAt: Date.now(), values } satisfies LocalDraft));
}

export function readLocalDraft(key: string): LocalDraft | null {
  const raw = storage()?.getItem(PREFIX + key);
  if (!raw) return null;
  try {
    const draft = JSON.parse(raw) as LocalDraft;
    return typeof draft.savedAt === "number" && typeof draft.values === "object" ? draft : null;
  } catch {
    return null;
  }
}

export function removeLocalDraft(key: string): void {
  storage()?.removeItem(PREFIX + key);
}

export function clearLocalDrafts(): void {
  const store = storage();
  if (!store) return;
  for (const key of Object.keys(store)) if (key.startsWith(PREFIX)) store.removeItem(key);
}

/** The text fields of a form, by name. */
export function textValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const element of Array.from(form.elements)) {
    if ((element instanceof HTMLInputElement && element.type === "text") || element instanceof HTMLTextAreaElement) {
      if (element.name) values[element.name] = element.value;
    }
  }
  return values;
}
