import { createContext, useContext, type ReactNode } from "react";

// Browsers hide a nonce from script once the page has loaded, so on the client
// the value is empty; it only matters in the server-rendered HTML.
const NonceContext = createContext("");

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export function useNonce(): string {
  return useContext(NonceContext);
}
