/**
 * A minimal browser-without-JavaScript for the practice benchmark: keeps its
 * cookies, sends forms as application/x-www-form-urlencoded, accepts gzip, and
 * never follows a redirect by itself (the caller does, so it can time it).
 *
 * node:http rather than fetch: the simulated practitioners share two cores with
 * the server they measure, and fetch costs several times more CPU per request,
 * which would show up as server latency.
 */
import http from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

// The only host this client can reach: the benchmark must never send traffic anywhere else.
const LOOPBACK = "127.0.0.1";

export type Reply = { status: number; location: string | null; body: string };

export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly port: number,
    private readonly agent: http.Agent,
    // Each practitioner appears to come from its own address (the server trusts X-Forwarded-For
    // in the benchmark), as real ones would; the connection itself is always loopback.
    private readonly forwardedFor: string,
  ) {}

  /** The cookies this browser holds, as a Cookie header (for a request made by hand). */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  get(pathname: string): Promise<Reply> {
    return this.request("GET", pathname);
  }

  post(pathname: string, fields: Record<string, string>): Promise<Reply> {
    return this.request("POST", pathname, new URLSearchParams(fields).toString());
  }

  private request(method: "GET" | "POST", pathname: string, form?: string): Promise<Reply> {
    const headers: http.OutgoingHttpHeaders = {
      Accept: "text/html",
      "Accept-Encoding": "gzip, br",
      "X-Forwarded-For": this.forwardedFor,
    };
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    if (form !== undefined) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      headers["Content-Length"] = Buffer.byteLength(form);
    }
    return new Promise<Reply>((resolve, reject) => {
      const request = http.request(
        { host: LOOPBACK, port: this.port, method, path: pathname, headers, agent: this.agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            try {
              this.keepCookies(response.headers["set-cookie"] ?? []);
              resolve({
                status: response.statusCode ?? 0,
                location: response.headers.location ?? null,
                body: decode(Buffer.concat(chunks), response.headers["content-encoding"]),
              });
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
        },
      );
      request.on("error", reject);
      request.end(form);
    });
  }

  private keepCookies(setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair = "", ...attributes] = header.split(/;\s*/);
      const separator = pair.indexOf("=");
      if (separator <= 0) continue;
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      const expired =
        value === "" ||
        attributes.some((attribute) => /^max-age=0$/i.test(attribute) || /^expires=thu, 01 jan 1970/i.test(attribute));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

function decode(body: Buffer, encoding: string | undefined): string {
  switch (encoding) {
    case "gzip":
      return gunzipSync(body).toString("utf8");
    case "br":
      return brotliDecompressSync(body).toString("utf8");
    case "deflate":
      return inflateSync(body).toString("utf8");
    default:
      return body.toString("utf8");
  }
}
