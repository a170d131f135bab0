// Debian's Chromium, which the browser tests and the studio map benchmark both drive: Playwright
// cannot download its own browsers on these machines (see ../shared/ENVIRONMENT.md).
export const CHROMIUM_PATH = "/usr/bin/chromium";

// Without these, Chromium keeps trying to reach Google's services on a closed network.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
  "--disable-gpu",
];
