/**
 * How the project starts Chromium, for the end-to-end tests and the benchmarks alike. Browsers cannot be
 * downloaded everywhere, so the system's Chromium is used unless CHROMIUM_PATH names another.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
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
