/**
 * The content hash that versions a scenario in the library: SHA-256 of the file's
 * text with line endings and a leading byte-order mark normalised, so the same
 * content checked out on Windows or Linux gives the same version. Uses Web Crypto,
 * which Node and browsers both provide, so the domain needs no Node import.
 */
export async function scenarioContentHash(source: string): Promise<string> {
  const normalised = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(normalised));
  return `sha256:${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}
