/** The Debian package's binary: the browser this project is tested with. */
export const SYSTEM_CHROMIUM: string

/** What {@link findChromium} found: a path and where it came from, or the reason there is none. */
export type FoundChromium =
  | { path: string; source: string; problem?: undefined }
  | { path: undefined; source?: undefined; problem: string }

/** The Chromium to launch: `CHROMIUM_PATH`, Debian's `/usr/bin/chromium`, or Playwright's own download. */
export function findChromium(env?: NodeJS.ProcessEnv): FoundChromium

/** Finds Chromium or installs one the way the machine allows; undefined after printing what to run. */
export function ensureChromium(env?: NodeJS.ProcessEnv): string | undefined
