import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the server saw it (behind a proxy only with TRUST_PROXY). */
    clientAddress: string;
    /** The nonce this response's Content-Security-Policy allows scripts with. */
    cspNonce: string;
  }
}

export function clientAddress(context: AppLoadContext | undefined): string {
  return context?.clientAddress ?? "unknown";
}
