import { findChromium } from './scripts/chromium.mjs'

/**
 * How the project starts Chromium, for the end-to-end tests and the benchmarks alike: `CHROMIUM_PATH`,
 * else Debian's `/usr/bin/chromium`, else Playwright's own download (`npm test` installs one when none is
 * found; see scripts/chromium.mjs).
 */
const executablePath = findChromium().path

export const chromiumLaunchOptions = {
  // Without a path Playwright looks for its own browser and says how to install it.
  ...(executablePath ? { executablePath } : {}),
  args: [
    '--headless',
    // Running as root in CI needs it.
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    // Without these, Chromium keeps trying to reach outside hosts.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
}
