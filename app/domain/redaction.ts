/**
 * The redactor: what a practitioner types is stripped of personal details before it leaves the
 * server for an AI provider. Each detail becomes a plain bracketed placeholder ("[name]",
 * "[phone number]") that a language model reads naturally.
 *
 * It leans towards leaving ordinary words alone: it catches names it knows (a gazetteer of
 * given names and common surnames), names it can infer from their context (a title, "her son
 * ...", "the ... family", a first name followed by a surname) and identifiers with a clear shape
 * (emails, UK phone numbers, postcodes, NHS and pupil numbers, dates of birth, street
 * addresses). Known limits, accepted rather than over-redacting:
 * - an unusual name outside the gazetteer with no title, cue or known surname beside it;
 * - names written all in capitals, and lowercase surnames ("aisha khan" loses only "aisha");
 * - word-like names at the start of a sentence with no telling verb ("Hope is ..." stays), and
 *   place-like names after a preposition ("I spoke to Victoria");
 * - a person whose surname is a place word ("Amy Park") is read as a place;
 * - a date in a sentence about a child's age is removed even when it is not a birth date;
 * - phone numbers without the trunk 0 or +44; NHS and pupil numbers with neither a label nor a
 *   valid check character; addresses without a house or flat number, or in lowercase;
 * - the scenario's names are kept wherever they appear, even for another person who shares one.
 *
 * Every pattern is anchored at a word boundary with bounded repetition, so the work is linear
 * in the length of the text.
 */

export type RedactionKind =
  "name" | "email" | "phone" | "postcode" | "nhs-number" | "pupil-number" | "date-of-birth" | "address";

export type RedactionCount = { kind: RedactionKind; count: number };
export type Redaction = { text: string; removed: RedactionCount[] };
export type RedactOptions = {
  /** The scenario's own invented people: they and their parts are left alone. */
  allowedNames: readonly string[];
  /** "The present" for judging a year of birth; defaults to now. */
  today?: Date;
};

const PLACEHOLDER: Record<RedactionKind, string> = {
  name: "[name]",
  email: "[email]",
  phone: "[phone number]",
  postcode: "[postcode]",
  "nhs-number": "[NHS number]",
  "pupil-number": "[pupil number]",
  "date-of-birth": "[date of birth]",
  address: "[address]",
};

/** The order detections claim the text in: the more certain shape wins an overlap. */
const PRIORITY: readonly RedactionKind[] = [
  "email",
  "pupil-number",
  "nhs-number",
  "phone",
  "postcode",
  "address",
  "date-of-birth",
  "name",
];

/** The order counts are reported in. */
const REPORT_ORDER: readonly RedactionKind[] = [
  "name",
  "email",
  "phone",
  "postcode",
  "address",
  "date-of-birth",
  "nhs-number",
  "pupil-number",
];

type Span = { kind: RedactionKind; start: number; end: number };

export function redact(text: string, options: RedactOptions): Redaction {
  const claimed = new Uint8Array(text.length);
  const kept: Span[] = [];
  const claim = (span: Span) => {
    for (let i = span.start; i < span.end; i++) if (claimed[i]) return;
    claimed.fill(1, span.start, span.end);
    kept.push(span);
  };

  const currentYear = (options.today ?? new Date()).getFullYear();
  const finders: Record<Exclude<RedactionKind, "name">, () => Span[]> = {
    email: () => findEmails(text),
    "pupil-number": () => findPupilNumbers(text),
    "nhs-number": () => findNhsNumbers(text),
    phone: () => findPhoneNumbers(text),
    postcode: () => findPostcodes(text),
    address: () => findAddresses(text),
    "date-of-birth": () => findDatesOfBirth(text, currentYear),
  };
  for (const kind of PRIORITY) {
    if (kind === "name") for (const span of findNames(text, claimed, options.allowedNames)) claim(span);
    else for (const span of finders[kind]()) claim(span);
  }

  kept.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  const counts = new Map<RedactionKind, number>();
  for (const span of kept) {
    out += text.slice(at, span.start) + PLACEHOLDER[span.kind];
    at = span.end;
    counts.set(span.kind, (counts.get(span.kind) ?? 0) + 1);
  }
  out += text.slice(at);
  const removed = REPORT_ORDER.flatMap((kind) => {
    const count = counts.get(kind);
    return count ? [{ kind, count }] : [];
  });
  return { text: out, removed };
}

const LABEL: Record<RedactionKind, [one: string, many: string]> = {
  name: ["name", "names"],
  email: ["email address", "email addresses"],
  phone: ["phone number", "phone numbers"],
  postcode: ["postcode", "postcodes"],
  "nhs-number": ["NHS number", "NHS numbers"],
  "pupil-number": ["pupil number", "pupil numbers"],
  "date-of-birth": ["date of birth", "dates of birth"],
  address: ["address", "addresses"],
};

/** One plain sentence for the page: what was taken out before sending. */
export function describeRedaction(removed: readonly RedactionCount[]): string {
  const parts = removed
    .filter(({ count }) => count > 0)
    .map(({ kind, count }) => `${count} ${LABEL[kind][count === 1 ? 0 : 1]}`);
  if (parts.length === 0) return "Nothing needed removing.";
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return `We removed ${list} before sending.`;
}

// ---------------------------------------------------------------------------------------------
// Shapes: email, phone, postcode, NHS number, pupil number, address

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

function findEmails(text: string): Span[] {
  return [...text.matchAll(EMAIL)].map((m) => ({ kind: "email", start: m.index, end: m.index + m[0].length }));
}

/** A trunk 0 or +44, then groups of digits each separated by one space or hyphen. */
const PHONE_RUN = /(?<![\p{L}\p{N}+])(?:(?:\+|00)44[ -]?(?:\(0\)[ -]?)?|\(0\d{1,5}\)[ -]?|0)\d+(?:[ -]\d+)*/gu;
const PHONE_GROUP = /[^ -]+/g;
/** UK numbers: 10 or 11 digits with the trunk 0; mobiles and London numbers have 11. */
const UK_NUMBER = /^0(?:[1358]\d{8,9}|[279]\d{9})$/;

function nationalDigits(written: string): string | undefined {
  const international = /^(?:\+|00)44/.exec(written);
  if (international) {
    const rest = written.slice(international[0].length).replace("(0)", "").replace(/\D/g, "");
    return rest.startsWith("0") ? rest : `0${rest}`;
  }
  return /^\(?0/.test(written) ? written.replace(/\D/g, "") : undefined;
}

function findPhoneNumbers(text: string): Span[] {
  const spans: Span[] = [];
  for (const run of text.matchAll(PHONE_RUN)) {
    // A run can swallow a following number ("07700 900123 2 times"): take the longest run of
    // groups that makes a valid number, then look again after it.
    const groups = [...run[0].matchAll(PHONE_GROUP)].map((g) => ({ start: g.index, end: g.index + g[0].length }));
    let first = 0;
    while (first < groups.length) {
      let best = -1;
      for (let last = first; last < groups.length && last < first + 6; last++) {
        const digits = nationalDigits(run[0].slice(groups[first]!.start, groups[last]!.end));
        if (digits && UK_NUMBER.test(digits)) best = last;
      }
      if (best < 0) {
        first++;
        continue;
      }
      spans.push({ kind: "phone", start: run.index + groups[first]!.start, end: run.index + groups[best]!.end });
      first = best + 1;
    }
  }
  return spans;
}

/** UK postcode areas, so that lowercase look-alikes ("y6 2nd") are not taken for postcodes. */
const POSTCODE_AREAS = new Set(
  `AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY
  E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN
  LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP
  SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE`.split(/\s+/),
);
/**
 * Outward code A9, A99, A9A, AA9, AA99 or AA9A, then the inward code 9AA, with the letter rules
 * of the Royal Mail format (no Q/V/X first, no I/J/Z second, no C/I/K/M/O/V inward).
 */
const POSTCODE =
  /(?<![\p{L}\p{N}])(?:GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRVWXY\d]?) ?\d[ABD-HJLNP-UW-Z]{2})(?![\p{L}\p{N}])/giu;

function findPostcodes(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(POSTCODE)) {
    const written = m[0];
    const upper = written.toUpperCase();
    const area = /^[A-Z]+/.exec(upper)![0];
    const inward = written.slice(-3);
    const ordinal = /^\d(?:st|nd|rd|th)$/.test(inward); // "B6 2nd" is not a postcode
    const known = POSTCODE_AREAS.has(area) || upper === "GIR 0AA";
    if (!ordinal && (known || (written === upper && written.includes(" ")))) {
      spans.push({ kind: "postcode", start: m.index, end: m.index + written.length });
    }
  }
  return spans;
}

const NHS_SHAPE = /(?<![\p{L}\p{N}])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\p{L}\p{N}])/gu;
const NHS_LABEL = /NHS\s*(?:number|no\.?|num\.?|#)?\s*(?:is|was|:|-|–)?\s*$/i;

/** The NHS number's modulus 11 check: weights 10 down to 2 on the first nine digits. */
export function isValidNhsNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, "");
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

function findNhsNumbers(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(NHS_SHAPE)) {
    const labelled = NHS_LABEL.test(text.slice(Math.max(0, m.index - 40), m.index));
    // Numbers starting 0 are phone numbers unless someone says otherwise.
    const valid = !m[0].startsWith("0") && isValidNhsNumber(m[0]);
    if (labelled || valid) spans.push({ kind: "nhs-number", start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

const UPN_SHAPE = /(?<![\p{L}\p{N}])[A-Za-z]\d{11}[\dA-Za-z](?![\p{L}\p{N}])/gu;
const UPN_LABEL = /(?:UPN|unique pupil number|pupil number)\s*(?:is|was|:|-|–)?\s*$/i;
/** The DfE's check alphabet: A-Z without I, O and S. */
const UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

/**
 * A unique pupil number's check letter (its first character): characters 2 to 13 weighted by
 * their position, summed, modulo 23. A temporary UPN ends in a letter, valued by the same
 * alphabet.
 */
export function isValidPupilNumber(value: string): boolean {
  const upn = value.toUpperCase();
  if (!/^[A-Z]\d{11}[\dA-Z]$/.test(upn)) return false;
  let sum = 0;
  for (let position = 2; position <= 13; position++) {
    const char = upn[position - 1]!;
    const worth = /\d/.test(char) ? Number(char) : UPN_LETTERS.indexOf(char);
    if (worth < 0) return false;
    sum += worth * position;
  }
  return UPN_LETTERS[sum % 23] === upn[0];
}

function findPupilNumbers(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(UPN_SHAPE)) {
    const labelled = UPN_LABEL.test(text.slice(Math.max(0, m.index - 40), m.index));
    if (labelled || isValidPupilNumber(m[0])) {
      spans.push({ kind: "pupil-number", start: m.index, end: m.index + m[0].length });
    }
  }
  return spans;
}

const STREET_SUFFIXES =
  "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Court|Ct|Place|Pl|Gardens|Gdns|Terrace|Tce|Grove|Hill|Square|Sq|Mews|Row|Walk|Rise|Parade|Green|View|Park|Vale|Wharf|Boulevard|Broadway|Meadows?|Fields|Croft|Heights|House|Lodge|Mansions|Tower|Buildings";
const HOUSE_NUMBER = String.raw`\d{1,4}[A-Za-z]?(?:\s?[-–]\s?\d{1,4}[A-Za-z]?)?,?\s+`;
const ADDRESS = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?:Flat|Apartment|Apt|Unit)\.?\s+\d{1,4}[A-Za-z]?,?\s+(?:${HOUSE_NUMBER})?|${HOUSE_NUMBER})` +
    String.raw`((?:\p{Lu}[\p{L}'’-]*\s+){1,4})(?:${STREET_SUFFIXES})(?![\p{L}])`,
  "gu",
);
/** "Year 6 Green Lane" and "Room 12 Oak House" are not addresses. */
const NUMBERED_THING =
  /(?:year|yr|room|class|group|stage|section|part|page|question|step|level|set|table|chapter|week|day|term|no\.?|number|grade|phase|bus|route|platform|ward|bed|box|appendix|figure|item)\s*$/i;
const MONTH_WORD =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s/i;

function findAddresses(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(ADDRESS)) {
    const flat = /^(?:Flat|Apartment|Apt|Unit)/.test(m[0]);
    if (!flat && NUMBERED_THING.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
    if (MONTH_WORD.test(m[1]!)) continue; // "by 20 March Court hearing"
    spans.push({ kind: "address", start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// Dates of birth

// An abbreviation's full stop belongs to the date only when more of the date follows.
const MONTH = String.raw`(?:(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.(?=\s*\d)|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![\p{L}])`;
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
const DATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:` +
    [
      String.raw`${DAY}(?:\s+of)?\s+${MONTH}(?:,?\s+\d{4})?`,
      String.raw`${MONTH}\s+${DAY}(?:,?\s+\d{4})?`,
      String.raw`\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})`,
      String.raw`\d{4}-\d{1,2}-\d{1,2}`,
      String.raw`${MONTH}\s+\d{4}`,
    ].join("|") +
    String.raw`)(?![\p{L}\p{N}])`,
  "giu",
);
const BIRTH_CUE =
  /(?<![\p{L}])(?:born|dob|d\.o\.b\.?|date of birth|birth ?date|birthday|b-?day|(?:turns|turned|will turn|will be)\s+\d{1,2}\s+on)(?![\p{L}])/giu;
/** A date followed by "(DOB)" or "is her birthday". */
const BIRTH_CUE_AFTER =
  /\s*(?:\(\s*(?:dob|d\.o\.b\.?|date of birth|birthday)|(?:is|was)\s+(?:[\p{L}\p{N}[\]'’]+\s+){0,3}(?:birthday|date of birth|dob))(?![\p{L}])/iuy;
const AGE_WORD =
  /(?<![\p{L}])(?:aged?|years?[- ]old|year-olds?|yrs? old|months? old|(?:turns|turned|turning)(?=\s+\d))(?![\p{L}])/giu;
const DOB_PLACEHOLDER = /\[date of birth\]/g;
const ANY_PLACEHOLDER = new RegExp(
  Object.values(PLACEHOLDER)
    .map((p) => p.replace(/[[\]]/g, "\\$&"))
    .join("|"),
  "g",
);
const ABBREVIATIONS = new Set(["mr", "mrs", "ms", "mx", "dr", "prof", "st", "no", "approx", "etc", "vs"]);

/** Sentence ends: a newline, or . ! ? before a space, except after an abbreviation or initial. */
function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  for (const m of text.matchAll(/[.!?](?=\s|$)|\n/g)) {
    if (m[0] === ".") {
      const before = /[\p{L}]+$/u.exec(text.slice(Math.max(0, m.index - 8), m.index))?.[0] ?? "";
      if (before.length === 1 || ABBREVIATIONS.has(before.toLowerCase())) continue;
    }
    ends.push(m.index);
  }
  return ends;
}

/** Index of the sentence holding `position`: how many sentence ends come before it. */
function sentenceOf(ends: readonly number[], position: number): number {
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (ends[mid]! < position) low = mid + 1;
    else high = mid;
  }
  return low;
}

function yearOf(date: string, currentYear: number): number | undefined {
  const full = /(?<!\d)\d{4}(?!\d)/.exec(date);
  if (full) return Number(full[0]);
  const short = /^\d{1,2}[/.-]\d{1,2}[/.-](\d{2})$/.exec(date);
  if (!short) return undefined;
  const yy = Number(short[1]);
  return yy <= currentYear % 100 ? 2000 + yy : 1900 + yy;
}

function findDatesOfBirth(text: string, currentYear: number): Span[] {
  const ends = sentenceEnds(text);
  const dates = [...text.matchAll(DATE)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
  const placeholders = [...text.matchAll(ANY_PLACEHOLDER)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  let p = 0; // cues come in order, so one pass over the placeholders answers them all
  const insidePlaceholder = (position: number) => {
    while (p < placeholders.length && placeholders[p]!.end <= position) p++;
    return p < placeholders.length && placeholders[p]!.start <= position;
  };
  // A cue speaks for the first date after it in its sentence; a date already removed counts.
  const datesAndRemoved = [
    ...dates.map((d) => ({ ...d, removed: false })),
    ...[...text.matchAll(DOB_PLACEHOLDER)].map((m) => ({ start: m.index, end: m.index, text: "", removed: true })),
  ].sort((a, b) => a.start - b.start);

  const birth = new Set<number>();
  let next = 0;
  for (const cue of text.matchAll(BIRTH_CUE)) {
    if (insidePlaceholder(cue.index)) continue;
    const cueEnd = cue.index + cue[0].length;
    while (next < datesAndRemoved.length && datesAndRemoved[next]!.start < cueEnd) next++;
    const date = datesAndRemoved[next];
    if (date && !date.removed && sentenceOf(ends, cue.index) === sentenceOf(ends, date.start)) birth.add(date.start);
  }

  const ageSentences = new Set([...text.matchAll(AGE_WORD)].map((m) => sentenceOf(ends, m.index)));
  for (const date of dates) {
    BIRTH_CUE_AFTER.lastIndex = date.end;
    if (BIRTH_CUE_AFTER.test(text)) birth.add(date.start);
    const year = yearOf(date.text, currentYear);
    if (year && year >= 1990 && year <= currentYear && ageSentences.has(sentenceOf(ends, date.start))) {
      birth.add(date.start);
    }
  }
  return dates.filter((d) => birth.has(d.start)).map((d) => ({ kind: "date-of-birth", start: d.start, end: d.end }));
}

// ---------------------------------------------------------------------------------------------
// Names

/** Lowercase, without accents, so "Zoë" and "Zoe" meet. */
function keyOf(word: string): string {
  const lower = word.toLowerCase();
  if (/^[a-z'’-]*$/.test(lower)) return lower;
  return lower.normalize("NFD").replace(/\p{M}/gu, "").replace(/ł/g, "l");
}

function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.trim().split(/\s+/).map(keyOf));
}

/**
 * Given names common in England across its communities (our own list). Names that are also
 * everyday words ("Will", "Hope", "May") are in WORD_NAMES instead and need more evidence.
 */
const GIVEN_NAMES = wordSet(`
  Oliver George Harry Noah Jack Leo Arthur Oscar Charlie Jacob Thomas Henry William Alfie Theo
  Freddie Archie Joshua Alexander James Isaac Edward Lucas Tommy Finley Logan Ethan Teddy Benjamin
  Arlo Joseph Sebastian Harrison Elijah Adam Daniel Samuel Louie Mason Reuben Albie Rory Jaxon Hugo
  Luca Zachary Reggie Hunter Louis Dylan Albert David Jude Frankie Ezra Toby Riley Carter
  Ronnie Frederick Gabriel Stanley Bobby Jenson Ellis Jamie Michael Matthew Luke Ryan Callum Connor
  Kyle Liam Nathan Aaron Ben Sam Tom Joe Dan Jake Lewis Owen Rhys Dafydd Gareth Iwan Aled Huw Ieuan
  Evan Cameron Kieran Declan Ciaran Conor Sean Patrick Niall Eoin Cillian Oisin Darragh Fionn
  Ruairi Aidan Brendan Kevin Stephen Paul Peter John Andrew Christopher Anthony Simon Richard
  Robert Steven Gary Darren Wayne Lee Craig Scott Stuart Graham Ian Neil Keith Colin Trevor Martin
  Philip Jonathan Timothy Nicholas Gavin Jason Dominic Marcus Vincent Leon Tyler Jordan Kai Jayden
  Brandon Bradley Harvey Alex Elliot Elliott Austin Jasper Felix Rupert Ralph Otis Ted Sonny Alfred
  Ernest Ollie Joey Danny Billy Derek Brian Barry Dennis Terry Malcolm Roger Geoffrey Clive Alan
  Norman Leonard Raymond Kenneth Gordon Douglas Nigel Russell Duncan Howard Dave Mick Steve Pete
  Phil Tony Andy Chris Jim Jimmy Mike Tim Jon Jonny Jo Mo Matt Josh Kane Shane Shaun Ross Bruce
  Euan Angus Hamish Alistair Alasdair Rhodri Gethin Osian Tomos Emrys Padraig Seamus Donal Mikey
  Jay Francis Hugh Jaden Callan Jayce Kayden Lennon Reece Morgan Taylor
  Harley Kian Ashton Bailey Corey Dexter Dominik Elias Ezekiel Josiah Isaiah Nathaniel Malachi
  Olivia Amelia Isla Ava Ivy Freya Lily Mia Willow Rosie Sophia Isabella Daisy Sienna Poppy Elsie
  Emily Ella Evelyn Phoebe Sofia Evie Charlotte Harper Millie Matilda Maya Sophie Alice Emilia
  Isabelle Ruby Luna Maisie Aria Penelope Mila Bonnie Eva Hallie Eliza Ada Violet Esme Arabella
  Imogen Jessica Delilah Thea Margot Lottie Ayla Orla Erin Layla Nancy Mabel Hannah Holly Lucy Chloe
  Megan Lauren Rebecca Bethany Abigail Abi Katie Amy Emma Sarah Laura Rachel Gemma Natalie Samantha
  Nicola Claire Kelly Lisa Michelle Joanne Donna Tracey Julie Karen Susan Helen Jane Elizabeth
  Catherine Katherine Kate Jennifer Stephanie Zoe Jasmine Leah Molly Scarlett Amber Jade Paige
  Courtney Shannon Kayleigh Stacey Danielle Jodie Kirsty Siobhan Aoife Ciara Niamh Saoirse Roisin
  Caoimhe Sinead Aisling Grainne Bronwen Cerys Seren Ffion Carys Eleri Nia Rhiannon Sian
  Catrin Lowri Elin Mairi Eilidh Kirsten Fiona Morag Ailsa Iona Margaret Patricia Linda Barbara
  Sandra Christine Jacqueline Pauline Janet Gillian Wendy Denise Angela Maureen Brenda Valerie
  Sheila Doreen Irene Joan Marion Eileen Kathleen Veronica Yvonne Lorraine Debbie Deborah Alison
  Caroline Sally Ruth Rosemary Diane Elaine Tina Mandy Sharon Tracy Joyce Gloria Hilary Bridget
  Lydia Rosa Iris Pearl Hazel Heather Rose Lola Ellie Gracie Lacey Lexi Harriet Beatrice Edith
  Mary Anne Ann Louise Frances Judith Gail Lynn Ellen Georgina Beth Jenny Becky Becca Kathryn Vicky
  Liz Lizzie Kim Nina Tanya Sonia Paula Carly Charlene Leanne Hayley Shabnam Ruksana Alexa Bethan
  Aisha Ayesha Fatima Zainab Maryam Khadija Amina Aaliyah Hafsa Safiya Iqra Sana Zara Zahra Noor
  Nur Alisha Anaya Inaya Hana Hania Aleena Amira Eshal Haniya Imaan Manahil Mahnoor Mehreen Nadia
  Nazia Farah Samina Shazia Shabana Rukhsana Nasreen Parveen Yasmin Yasmeen Rubina Shahida Salma
  Tasnim Tahmina Sumaiya Sadia Nusrat Rahima Shirin Farzana Jannat Ruqayyah Halima Hamida Rehana
  Ambreen Saima Uzma Bushra Asma Amna Hira Priya Anjali Pooja Neha Divya Kavya Aanya Diya Ishani
  Riya Simran Harpreet Jaspreet Manpreet Gurpreet Navdeep Kiran Sunita Anita Geeta Meena Lakshmi
  Deepa Rupa Nisha Asha Sita Radha Shreya Tanvi Avni Ishita Mira Meera Jaya Amrita Parminder
  Rajinder Kuldeep Sukhwinder Balwinder Jasvinder
  Mohammed Muhammad Mohammad Mohamed Ahmed Ahmad Ali Omar Umar Yusuf Yousef Ibrahim Ismail Ismaeel
  Hamza Bilal Zain Zayn Ayaan Rayyan Musa Isa Idris Zakariya Zakaria Imran Irfan Adnan Faisal
  Tariq Khalid Rashid Hassan Hussain Hussein Abdullah Abdul Abdi Ayub Junaid Kamran Shahid Asif
  Arif Amir Aamir Amjad Naveed Nadeem Waqas Usman Uthman Haris Saif Sami Samir Tahir Tanveer
  Rizwan Sohail Shoaib Zubair Zeeshan Faraz Fahad Rehan Rayan Aryan Arjun Rohan Rahul Vikram Raj
  Ravi Sanjay Sunil Anil Amit Ajay Vijay Deepak Nikhil Krishna Arun Karan Dev Jai Veer Vihaan Aarav
  Reyansh Kabir Ishaan Harjit Harvinder Gurdeep Jaswinder Manjit Ranjit Sukhdev Jaspal Hardeep
  Amarjit Abdur Shahidul Mizanur Rafiq Rahim Karim Jamal Kamal Faruk Habib Mahbub Masud Nazrul
  Shafiq Sajid Sabbir Tanvir Rakib Riyad Ruhel Shamim Ashraf Anwar Akram
  Abdirahman Abdullahi Abdirashid Mohamud Hodan Hibo Ifrah Ubah Ayan Hamdi Sagal Nimo Filsan Deqa
  Fadumo Ilhan Sahra Ikran Asad Liban Guled Mahad Abdiaziz Bashir Yasin Mustafa Mahmoud Leila Lina
  Rania Dina Yara Nour Malak Jana Sara Rana Reem Huda Mariam Youssef Khaled Tarek Walid Nabil Hani
  Rami Fadi Ziad Hadi Majid Nasser Anas
  Chidi Chinedu Chukwuemeka Emeka Obinna Ikenna Nnamdi Ifeanyi Uche Ngozi Chiamaka Chioma Adaeze
  Amaka Nkechi Ifeoma Chinonso Chidinma Oluwaseun Seun Tunde Babatunde Ade Ayodele Ayomide Temitope
  Tope Folake Funmilayo Funmi Bukola Yetunde Titilayo Damilola Dami Tolu Toluwani Kehinde Taiwo Femi
  Segun Kunle Dapo Wale Bisi Yemi Abimbola Olumide Oluwatobi Tobi Tobiloba Kwame Kofi Kwabena Kwaku
  Kojo Kwesi Akua Ama Abena Efua Adwoa Yaa Afia Akosua Esi Ayo Fatoumata Mariama Aminata Ousmane
  Mamadou Ibrahima Moussa Tendai Tatenda Farai Rudo Chipo Thandiwe Thabo Sipho Lerato Nomvula Kudzai
  Tinashe Nyasha Rutendo
  Tyrese Tyrone Jermaine Delroy Winston Leroy Marlon Dwayne Andre Kareem Kemar Shaquille Jerome
  Darnell Lennox Errol Desmond Neville Everton Beverley Marcia Janelle Shanice Keisha Tanisha Latoya
  Monique Chantelle Jada Imani Amani Kezia Tiana Shantelle Sharmaine Jaheim Zion Amari Jahmal Kyrie
  Ashanti Ebony Marley Kayla Aliyah Nevaeh
  Jakub Kacper Szymon Filip Mateusz Bartosz Michal Piotr Pawel Tomasz Krzysztof Marek Wojciech
  Lukasz Dawid Kamil Patryk Oskar Antoni Franciszek Igor Maciej Grzegorz Zofia Zuzanna Julia Maja
  Hanna Lena Alicja Oliwia Natalia Wiktoria Aleksandra Agnieszka Katarzyna Magdalena Joanna Anna
  Ewa Monika Karolina Marta Kinga Dominika Paulina Justyna Agata Weronika Andrei Alexandru Ionut
  Mihai Stefan Vlad Cristian Florin Adrian Bogdan Darius Ioana Andreea Elena Maria Alexandra Bianca
  Daria Irina Mihaela Roxana Larisa Denisa Lukas Matas Domantas Gabija Ugne Emilija Austeja Georgi
  Ivan Dimitar Nikolai Petar Ivana Desislava Arben Ardit Endrit Besa Ardita Mehmet Emre Kerem Baran
  Deniz Elif Zeynep Ayse Fatma Esra Merve Emine Hatice Rojin Farid Jawad Nasir Parisa Roya Darya
  Reza Hossein Mehdi Arash Soran Karwan Hiwa
  Wei Ming Hui Xin Mei Ling Jie Hao Ying Xiao Minh Anh Linh Trang Huong Thanh Tuan Duc Angelo Yuki
  Haruto Sakura Hina Kenji Hiroshi Moshe Yosef Chaim Shmuel Yehuda Avraham Eli Ari Rivka Chana
  Esther Miriam Shira Tamar Yael Noa Naomi Joao Tiago Rafael Diego Mateo Matteo Lorenzo Giulia
  Lucia Carmen Ines Beatriz Rodrigo Goncalo Francesca Chiara Giovanni Marco Luis Carlos Pedro Ana
`);

/** Surnames common in England that are not everyday words. */
const SURNAMES = wordSet(`
  Smith Jones Williams Davies Evans Johnson Roberts Robinson Wilson Wright Thompson Walker Clarke
  Clark Jackson Hughes Edwards Turner Morris Phillips Watson Mitchell Murphy O'Brien O'Connor
  O'Neill Gallagher Doherty McDonald MacDonald Campbell Stewart Anderson Reid Murray Fraser Patel
  Shah Mistry Parmar Chauhan Solanki Joshi Sharma Gupta Kumar Singh Kaur Sandhu Sidhu Dhillon
  Grewal Bains Khan Akhtar Iqbal Mahmood Mahmud Malik Chaudhry Choudhury Chowdhury Qureshi Raza
  Rehman Rahman Begum Bibi Miah Uddin Hossain Haque Alam Osman Okafor Okeke Okonkwo Nwosu Eze Obi
  Adeyemi Adebayo Adewale Afolabi Ogunleye Oladipo Olawale Bello Mensah Owusu Boateng Asante Osei
  Appiah Agyeman Amoah Ansah Danso Moyo Ncube Dube Kowalski Kowalska Nowak Wisniewski Wojcik
  Kaminski Lewandowski Zielinski Szymanski Popescu Ionescu Dumitru Nguyen Tran Pham Chen Wang Zhang
  Liu Huang Zhou Yang Zhao Silva Santos Ferreira Pereira Oliveira Rodrigues Fernandes Kaya Yilmaz
  Demir Celik Ozturk Cohen Levy Goldberg Friedman Harrison Thomas Lewis Morgan Taylor Ellis
  Richardson Atkinson Holmes Lloyd Jenkins Griffiths Owen Powell Bennett Fletcher Hamilton Kennedy
  Sullivan Quinn Brennan Byrne Nolan Kavanagh Regan Okoro Nwachukwu Eziashi Abiodun Oyelaran
`);

type WordNameKind = "word" | "virtue" | "place" | "calendar";
/**
 * Names that are also ordinary words. They count as names only with more evidence: a title,
 * a cue ("her son Will"), a surname after them, or (for "word" and "virtue") a capital in the
 * middle of a sentence.
 */
const WORD_NAMES = new Map<string, WordNameKind>([
  ...[...wordSet("Will Mark Bill Pat Sue Rob Frank Grant Chase Reed Sunny Kit Ray Gene Dawn Miles")].map(
    (k) => [k, "word"] as const,
  ),
  ...[...wordSet("Max Nick Don Dean Guy Rich Drew Bob Penny Eve Angel Sky River Star Storm Said Carol")].map(
    (k) => [k, "word"] as const,
  ),
  ...[
    ...wordSet(`Hope Grace Faith Joy Precious Blessing Comfort Patience Mercy Gift Favour Justice Destiny
      Harmony Promise Peace Wisdom Victory Honour Charity Unity Liberty`),
  ].map((k) => [k, "virtue"] as const),
  ...[...wordSet("India Georgia Chelsea Victoria Florence Sydney Paris Asia Devon Milan Israel")].map(
    (k) => [k, "place"] as const,
  ),
  ...[...wordSet("May June April August Summer Autumn")].map((k) => [k, "calendar"] as const),
]);

/** Given names that are also English words in lowercase: matched only with a capital. */
const CAPITALISED_ONLY = wordSet(`
  jack mason hunter harry jimmy john martin mike peter roger terry tony sally sonny amir veer wale
  amber jade holly hazel heather rose pearl iris ruby willow poppy daisy violet ivy lily ebony
  jasmine jasper phoebe rosemary aria maria florin bonnie billy bobby josh matt
`);

const TITLES = new Set(
  `Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Rev Revd Reverend Judge Councillor Cllr Imam Rabbi
  Pastor mr mrs`.split(/\s+/),
);

/** Words that, right before a capitalised word, say it is a person's name. */
const KIN_CUES = wordSet(`
  son daughter child grandson granddaughter grandchild stepson stepdaughter nephew niece brother
  sister sibling twin husband wife partner boyfriend girlfriend mum mother dad father stepmum stepdad
  carer grandma grandmother gran nan nana granny grandad grandpa grandfather auntie aunt uncle cousin
  friend colleague pupil student named nicknamed
`);
/** Kinship words also used as titles, with a capital: "Auntie Rukhsana". */
const FAMILY_TITLES = wordSet("auntie aunt uncle nan nana gran grandma granny grandad grandpa cousin mum dad");
/** "is called Kemi", "a girl called Kemi"; not "I called Ofsted". */
const CALLED_AFTER = wordSet("is was be been boy girl child baby lad son daughter brother sister friend");
const GREETINGS = wordSet("dear hi hello hiya hey thanks thank cheers sorry ok okay yes no well");
const TITLE_BLOCK = wordSet(`
  i a an the and or but of in on at to for with from my your his her our their this that it
  monday tuesday wednesday thursday friday saturday sunday
`);
const MONTH_CONTEXT = wordSet(`
  in on by of since until till from during before after early late mid end this last next every
  each the a between through around
`);
const FAMILY_WORDS = wordSet("family families household twins children kids boys girls brothers sisters parents");
const SAINTS_AND_ROYALS = wordSet("st saint king queen prince princess lady lord prophet");
const DETERMINERS = wordSet("the a an this that these those next last every each some any no our your");
const PARTICLES = wordSet("de da di del della van von der den du dos das le la bin binti ibn");
const HYPHEN_PARTICLE = /^(?:al|el|bin|ibn|abu|ben)-\p{Lu}/u;

/** Verbs that, after a word-like name at the start of a sentence, show it is a person. */
const PERSON_VERBS = wordSet(`
  said says told tells asked asks cried cries shouted screamed wants wanted feels felt struggles
  struggled attends attended loves loved hates hated likes liked enjoys enjoyed refuses refused went
  goes came comes rang phoned emailed wrote thinks thought
`);
/** Verbs that also follow an abstract noun ("Hope is ...") count only after some kinds. */
const STATE_VERBS: Record<Exclude<WordNameKind, "calendar">, ReadonlySet<string>> = {
  word: wordSet("is was has had isn't wasn't hasn't doesn't didn't won't can't gets got"),
  virtue: wordSet("has had was gets got doesn't didn't won't"),
  place: new Set(),
};
const PLACE_PREPOSITIONS = wordSet(`
  in to from at near across around visiting visit visited via into through back left leave leaving
  of for outside inside within
`);

/** Words after a name that make it part of a place or an organisation: "Grace Academy". */
const PLACE_WORDS = wordSet(`
  school schools primary secondary infant infants junior juniors academy college university nursery
  hospital hospice centre center clinic surgery practice road street avenue
  drive crescent place gardens terrace grove square park station church chapel
  cathedral mosque temple gurdwara synagogue trust foundation federation campus unit class
  room group library museum theatre estate tower building buildings lodge project programme service
  services network partnership charity initiative scheme fund award club cafe hub base provision
`);

/**
 * Capitalised words that are never the next part of a name: function words, the calendar, SEND
 * and school vocabulary, roles, places and languages.
 */
const STOP_WORDS = wordSet(`
  i i'd i'm i've i'll a an the and or but so if when then than that this these those there here what which who whom
  whose why how where to of in on at for with from by about as into onto over under after before
  during since until till between through against without within upon is are was were be been being
  am do does did have has had can could would should must shall might it its he she we they you me
  him her us them my your his our their yes no not ok okay please thanks thank sorry hello hi hey
  dear regards best kind warm many yours sincerely faithfully also just only still even maybe
  perhaps well now today tomorrow yesterday tonight morning afternoon evening night week weeks month
  months year years term terms half holiday holidays weekend weekends
  monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays
  fridays saturdays sundays january february march april may june july august september october
  november december jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn winter
  christmas easter eid diwali ramadan hanukkah passover vaisakhi lent advent halloween
  reception nursery key stage ks year sixth form gcse gcses a-level sats
  sen send senco senco's ehc ehcp ehcps plan plans review reviews annual section part local authority
  council tribunal mediation appeal panel support needs education health care social services
  service team parent parents carer carers forum school schools primary secondary academy college
  ofsted camhs nhs ep salt ot adhd autism autistic dyslexia dyslexic down syndrome
  headteacher head teacher teachers assistant caseworker officer manager coordinator co-ordinator
  psychologist therapist nurse doctor paediatrician consultant worker advisor adviser governor
  chair director principal deputy lead mum mums mother dad dads father nan gran grandma grandad
  auntie uncle sir madam miss mister
  england english britain british scotland scottish wales welsh ireland irish london birmingham
  manchester leeds liverpool bristol sheffield bradford leicester nottingham coventry luton
  european african asian caribbean polish romanian urdu punjabi bengali somali arabic turkish
  kurdish portuguese spanish french italian lithuanian chinese mandarin cantonese hindi gujarati
  tamil muslim christian jewish hindu sikh catholic islam god allah
  yes-no google teams zoom whatsapp email phone news day days time times report reports letter
  letters meeting meetings office list lists form forms book books policy act bill code
`);

type Token = {
  text: string;
  key: string;
  start: number;
  end: number;
  /** Where the written word ends, after any possessive "'s". */
  after: number;
  /** First letter a capital, and not all capitals (which would be an acronym). */
  capitalised: boolean;
  lowercase: boolean;
  possessive: boolean;
  sentenceStart: boolean;
  inPlaceholder: boolean;
};

const WORD = /\p{L}+(?:['’-]\p{L}+)*/gu;
const SENTENCE_OPENERS = new Set([".", "!", "?", ":", ";", "•", "*"]);
const OPENING_QUOTES = new Set(['"', "“", "‘", "(", "'"]);

function isSentenceStart(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const char = text[i]!;
    if (char === "\n") return true;
    if (OPENING_QUOTES.has(char)) return true;
    if (/\s/.test(char)) continue;
    return SENTENCE_OPENERS.has(char);
  }
  return true;
}

function tokenise(text: string, claimed: Uint8Array): Token[] {
  const placeholders = [...text.matchAll(ANY_PLACEHOLDER)];
  let p = 0;
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let end = m.index + m[0].length;
    let overlaps = false;
    for (let i = m.index; i < end; i++) if (claimed[i]) overlaps = true;
    if (overlaps) continue;
    let word = m[0];
    const possessive = /['’]s$/i.test(word) && word.length > 2;
    if (possessive) {
      word = word.slice(0, -2);
      end -= 2;
    }
    while (p < placeholders.length && placeholders[p]!.index + placeholders[p]![0].length <= m.index) p++;
    const placeholder = placeholders[p];
    tokens.push({
      text: word,
      key: keyOf(word),
      start: m.index,
      end,
      after: m.index + m[0].length,
      capitalised: /^\p{Lu}/u.test(word) && (word.length === 1 || word !== word.toUpperCase()),
      lowercase: word === word.toLowerCase(),
      possessive,
      sentenceStart: isSentenceStart(text, m.index),
      inPlaceholder: placeholder !== undefined && placeholder.index <= m.index,
    });
  }
  return tokens;
}

function allowedKeys(allowedNames: readonly string[]): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const name of allowedNames) {
    for (const part of name.trim().split(/\s+/)) {
      keys.add(keyOf(part));
      for (const piece of part.split(/-/)) keys.add(keyOf(piece));
    }
  }
  return keys;
}

function findNames(text: string, claimed: Uint8Array, allowedNames: readonly string[]): Span[] {
  const tokens = tokenise(text, claimed);
  const allowed = allowedKeys(allowedNames);
  const isName = new Array<boolean>(tokens.length).fill(false);
  const link = new Array<boolean>(tokens.length).fill(false); // token i and i+1 are one name

  const gap = (i: number) => text.slice(tokens[i]!.after, tokens[i + 1]?.start ?? tokens[i]!.after);
  const joined = (i: number) =>
    i >= 0 && i + 1 < tokens.length && !tokens[i]!.possessive && /^[ \t\u00a0]+$/.test(gap(i));
  const usable = (t: Token | undefined): t is Token => t !== undefined && !t.inPlaceholder;
  const calendar = (t: Token) => WORD_NAMES.get(t.key) === "calendar";
  const notAName = (t: Token) => STOP_WORDS.has(t.key) || PLACE_WORDS.has(t.key) || TITLES.has(t.text);
  const surnameLike = (t: Token | undefined) =>
    usable(t) && ((t.capitalised && !notAName(t) && !calendar(t)) || HYPHEN_PARTICLE.test(t.text));
  const given = (t: Token) => {
    const first = t.key.split("-")[0]!;
    return !WORD_NAMES.has(first) && (GIVEN_NAMES.has(t.key) || GIVEN_NAMES.has(first));
  };

  const mark = (i: number) => {
    isName[i] = true;
  };
  /** Mark the surnames (and particles such as "van der") that follow token i. */
  const extend = (i: number) => {
    let at = i;
    for (let parts = 0; parts < 2; parts++) {
      let next = at + 1;
      while (joined(next - 1) && usable(tokens[next]) && PARTICLES.has(tokens[next]!.text) && next < at + 3) next++;
      if (!joined(next - 1) || !surnameLike(tokens[next])) return;
      for (let j = at; j < next; j++) {
        link[j] = true;
        mark(j + 1);
      }
      at = next;
    }
  };
  /** "Oliver Goldsmith Primary", "St Mary's", "Grace Academy": a place, not a person. */
  const institution = (i: number) => {
    const before = tokens[i - 1];
    if (before && SAINTS_AND_ROYALS.has(before.key) && /^\.?[ \t]+$/.test(gap(i - 1))) return true;
    for (let j = i; j < i + 3 && joined(j); j++) {
      const next = tokens[j + 1]!;
      if (!next.capitalised) return false;
      if (PLACE_WORDS.has(next.key)) return true;
    }
    return false;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.inPlaceholder) continue;
    const next = tokens[i + 1];
    const prev = tokens[i - 1];

    // A title: "Mrs Okafor", "Dr. A Mensah", "mr jones".
    if (TITLES.has(t.text) && usable(next) && /^\.?[ \t]+$/.test(gap(i)) && !TITLE_BLOCK.has(next.key)) {
      const lowercaseTitle = t.text === t.text.toLowerCase();
      if (next.capitalised || (lowercaseTitle && next.lowercase && !notAName(next))) {
        mark(i + 1);
        extend(i + 1);
      }
    }

    // A cue before a capitalised word: "her son Tyrese", "named Kemi", "Dear Kofi".
    const cue =
      (KIN_CUES.has(t.key) && !t.possessive && (t.lowercase || FAMILY_TITLES.has(t.key))) ||
      (GREETINGS.has(t.key) && t.sentenceStart) ||
      (t.key === "name" && (t.possessive || next?.key === "is")) ||
      (t.key === "as" && prev?.key === "known") ||
      (t.key === "called" && prev !== undefined && CALLED_AFTER.has(prev.key)) ||
      (t.key === "by" && prev?.key === "goes");
    if (cue) {
      const target = t.key === "name" && !t.possessive ? i + 2 : i + 1;
      const candidate = tokens[target];
      const between = text.slice(tokens[target - 1]!.after, candidate?.start ?? 0);
      const nameLike = usable(candidate) && candidate.capitalised && (!notAName(candidate) || calendar(candidate));
      if (nameLike && /^,?[ \t]+$/.test(between)) {
        mark(target);
        extend(target);
      }
    }

    // "the Okafor family"
    if (t.key === "the" && joined(i) && joined(i + 1) && surnameLike(next) && FAMILY_WORDS.has(tokens[i + 2]!.key)) {
      mark(i + 1);
    }

    if (!t.capitalised) {
      if (t.lowercase && t.key.length >= 4 && given(t) && !CAPITALISED_ONLY.has(t.key)) mark(i);
      continue;
    }
    if (allowed.has(t.key)) continue;

    // Names from the gazetteer, with the surname that follows or the first name before.
    if (given(t) || SURNAMES.has(t.key)) {
      if (institution(i)) continue;
      mark(i);
      extend(i);
      if (SURNAMES.has(t.key) && joined(i - 1) && surnameLike(prev)) {
        mark(i - 1); // "Tyrese Okafor": a first name the gazetteer does not know
        link[i - 1] = true;
      }
      continue;
    }

    // Names that are also words: "Will", "Grace", "May", "India".
    const kind = WORD_NAMES.get(t.key);
    if (!kind || institution(i)) continue;
    const modal = t.sentenceStart && (t.key === "will" || t.key === "may");
    const afterDateWord =
      prev !== undefined &&
      (MONTH_CONTEXT.has(prev.key) || /\d(?:st|nd|rd|th)?\s+$/.test(text.slice(Math.max(0, t.start - 8), t.start)));
    if (joined(i) && surnameLike(next) && !modal && !(kind === "calendar" && afterDateWord)) {
      mark(i);
      extend(i);
      continue;
    }
    if (kind === "calendar") continue;
    const verb = joined(i) ? next?.key : undefined;
    if (t.sentenceStart) {
      const byVerb = verb !== undefined && (PERSON_VERBS.has(verb) || STATE_VERBS[kind].has(verb));
      if (byVerb || (t.possessive && kind !== "place")) mark(i);
      continue;
    }
    // "Pupil Premium Grant": one of several capitalised words in a row is not a name.
    const inPhrase =
      prev !== undefined &&
      joined(i - 1) &&
      prev.capitalised &&
      !prev.sentenceStart &&
      !isName[i - 1] &&
      !notAName(prev);
    const ordinary =
      prev !== undefined && (DETERMINERS.has(prev.key) || (kind === "place" && PLACE_PREPOSITIONS.has(prev.key)));
    if (!ordinary && !inPhrase) mark(i);
  }

  // The scenario's own people are left alone, in whatever rule found them.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (isName[i] && (allowed.has(t.key) || t.key.split("-").every((part) => allowed.has(part)))) {
      isName[i] = false;
    }
  }

  // A name found once is a name everywhere in the text: "Mrs Okafor ... Okafor said".
  const echoes = new Set(
    tokens.filter((t, i) => isName[i] && t.capitalised && !WORD_NAMES.has(t.key)).map((t) => t.key),
  );
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!isName[i] && t.capitalised && !t.inPlaceholder && echoes.has(t.key) && !institution(i)) isName[i] = true;
  }

  const spans: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isName[i]) continue;
    let j = i;
    while (link[j] && isName[j + 1]) j++;
    spans.push({ kind: "name", start: tokens[i]!.start, end: tokens[j]!.end });
    i = j;
  }
  return spans;
}
