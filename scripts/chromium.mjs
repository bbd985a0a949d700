// Where the end-to-end tests and the benchmark find Chromium, and how the test command gets one on a
// machine that has none. Plain JavaScript so that `node scripts/run-tests.mjs` can use it before anything
// is compiled; the Playwright config and the benchmark import the same function.
import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { createRequire } from 'node:module'

/** The Debian package's binary: the browser this project is tested with. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium'

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The binary Playwright would launch from its own download cache, whether or not it is there. */
function playwrightChromium() {
  try {
    const { chromium } = createRequire(import.meta.url)('@playwright/test')
    return chromium.executablePath()
  } catch {
    return undefined
  }
}

/**
 * The Chromium to launch, in this order: `CHROMIUM_PATH`, Debian's `/usr/bin/chromium`, Playwright's own
 * download. Returns `{ path, source }`, or `{ path: undefined, problem }` when none is usable.
 */
export function findChromium(env = process.env) {
  const chosen = env.CHROMIUM_PATH
  if (chosen) {
    return isExecutable(chosen)
      ? { path: chosen, source: 'CHROMIUM_PATH' }
      : { path: undefined, problem: `CHROMIUM_PATH is ${chosen}, which is not an executable file` }
  }
  if (isExecutable(SYSTEM_CHROMIUM)) return { path: SYSTEM_CHROMIUM, source: 'the system package' }
  const downloaded = playwrightChromium()
  if (downloaded && isExecutable(downloaded)) return { path: downloaded, source: "Playwright's download" }
  return { path: undefined, problem: 'no Chromium was found' }
}

function run(command, args) {
  console.log(`[chromium] ${command} ${args.join(' ')}`)
  return (
    spawnSync(command, args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0
  )
}

const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0

/**
 * Finds Chromium, or installs one the way this machine allows: Debian's package through apt when running
 * as root, else Playwright's installer (which needs to download). Returns the binary's path, or undefined
 * after printing the one command a person must run.
 */
export function ensureChromium(env = process.env) {
  const found = findChromium(env)
  if (found.path) return found.path
  // A CHROMIUM_PATH that points nowhere is a mistake to fix, not a reason to install another browser.
  if (env.CHROMIUM_PATH) {
    console.error(`[chromium] ${found.problem}. Fix CHROMIUM_PATH or unset it.`)
    return undefined
  }
  const isRoot = process.getuid?.() === 0
  if (isRoot && hasCommand('apt-get')) {
    console.log("[chromium] No Chromium found: installing Debian's chromium package with apt-get.")
    if (run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '-qq', 'chromium'])) {
      const installed = findChromium(env)
      if (installed.path) return installed.path
    }
  } else {
    console.log(
      "[chromium] No Chromium found: installing Playwright's Chromium (npx playwright install chromium).",
    )
    if (run('npx', ['playwright', 'install', 'chromium'])) {
      const installed = findChromium(env)
      if (installed.path) return installed.path
    }
  }
  console.error(
    '[chromium] Could not get Chromium. Run `sudo apt-get install chromium` (Debian, Ubuntu) or ' +
      '`npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium binary, then run npm test again.',
  )
  return undefined
}
