/**
 * `npm run bench`: our SDK side by side with auth0.js, in one run on one machine. Builds dist/, measures the
 * bundles and the consumer apps of bench/apps, starts its own emulator and page server on loopback, drives
 * Chromium through Playwright, prints one table and writes bench/results/latest.json and latest.md.
 *
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium), BENCH_PORT and BENCH_EMULATOR_PORT (default: any
 * free port). Flag: --no-build (measure dist/ as it is).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import {
  launchChromium,
  measureHeap,
  measureLogin,
  measureStartRoundTrip,
  measureStartup,
} from './lib/browser'
import {
  APPS,
  AUTH0_UMD,
  OUR_UMD,
  ROOT,
  buildApp,
  measureBytes,
  measureFile,
  type Bytes,
} from './lib/bundles'
import { BUNDLERS, buildWith } from './lib/bundlers'
import { formatTable, type Row } from './lib/report'
import { startEmulator, startPageServer } from './lib/servers'
import { summarize } from './lib/stats'

const RUNS = { startup: 40, roundTrip: 60, login: 20, heap: 10 }
// The issue asks for under five minutes; stop well before a hung browser or server could hold CI.
const DEADLINE_MS = 290_000

function step(message: string): void {
  process.stderr.write(`bench: ${message}\n`)
}

function buildSdk(): void {
  step('building dist/ (rollup -c rollup.config.mjs)')
  const build = spawnSync('npx', ['rollup', '-c', 'rollup.config.mjs', '--silent'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  if (build.status !== 0) throw new Error(`the SDK build failed:\n${build.stdout}${build.stderr}`)
}

function bytesRows(name: string, ours: Bytes, auth0: Bytes): Row[] {
  return [
    { name: `${name}, minified`, unit: 'bytes', ours: ours.minified, auth0: auth0.minified },
    { name: `${name}, gzip`, unit: 'bytes', ours: ours.gzip, auth0: auth0.gzip },
  ]
}

/** The start-only app built by the other common bundlers (the rows above are rollup's), gzip only. */
async function otherBundlerRows(): Promise<Row[]> {
  const rows: Row[] = []
  for (const bundler of BUNDLERS.filter((name) => name !== 'rollup')) {
    step(`building the start-only apps with ${bundler}`)
    const gzip = async (entry: string) =>
      measureBytes((await buildWith(bundler, join(ROOT, entry))).code).gzip
    rows.push({
      name: `app: start only (functions), ${bundler}, gzip`,
      unit: 'bytes',
      ours: await gzip(APPS.start.ours),
      auth0: await gzip(APPS.start.auth0),
    })
  }
  return rows
}

async function measureSizes(): Promise<Row[]> {
  step('building the consumer apps of bench/apps')
  const app = async (entry: string) => measureBytes((await buildApp(entry)).code)
  const auth0Start = await app(APPS.start.auth0)
  return [
    ...bytesRows('UMD (script tag)', measureFile(OUR_UMD), measureFile(AUTH0_UMD)),
    ...bytesRows('app: start only (functions)', await app(APPS.start.ours), auth0Start),
    ...(await otherBundlerRows()),
    ...bytesRows('app: start only (WebAuth class)', await app(APPS.startClass.ours), auth0Start),
    ...bytesRows('app: start + login + callback', await app(APPS.login.ours), await app(APPS.login.auth0)),
  ]
}

async function measureBrowser(browser: Browser, origin: string, emulator: string): Promise<Row[]> {
  step(`start-up: ${RUNS.startup} fresh pages per SDK`)
  const startup = await measureStartup(browser, origin, RUNS.startup)
  step(`passwordlessStart round trip: ${RUNS.roundTrip} calls per SDK`)
  const roundTrip = await measureStartRoundTrip(browser, origin, RUNS.roundTrip)
  step(`complete email-code login: ${RUNS.login} per SDK, and ours with the implicit flow`)
  const login = await measureLogin(browser, origin, emulator, RUNS.login)
  step(`heap: ${RUNS.heap} fresh pages per SDK`)
  const heap = await measureHeap(browser, origin, RUNS.heap)
  const timing = (name: string, unit: Row['unit'], values: Record<'ours' | 'auth0', number[]>): Row => ({
    name,
    unit,
    ours: summarize(values.ours),
    auth0: summarize(values.auth0),
  })
  const kib = (values: number[]) => values.map((bytes) => bytes / 1024)
  const implicit = (values: Record<'ours-implicit' | 'auth0', number[]>) => ({
    ours: values['ours-implicit'],
    auth0: values.auth0,
  })
  return [
    timing('start-up: fetch + parse + run', 'ms', startup.total),
    timing('start-up: parse + run only', 'ms', startup.run),
    timing('passwordlessStart round trip', 'ms', roundTrip),
    timing('email-code login, start to verified ID token', 'ms', login.wall),
    timing('email-code login, HTTP requests', 'requests', login.requests),
    timing('email-code login, CORS preflights besides', 'requests', login.preflights),
    // Ours again, with auth0.js's implicit flow: the same requests on both sides, so only the SDKs differ.
    timing('same login, ours with implicit flow as auth0.js', 'ms', implicit(login.wall)),
    timing('same login, ours with implicit flow: HTTP requests', 'requests', implicit(login.requests)),
    timing('JS heap after load + construct + start', 'KiB', { ours: kib(heap.ours), auth0: kib(heap.auth0) }),
  ]
}

async function main(): Promise<void> {
  const began = Date.now()
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench: not finished after ${DEADLINE_MS / 1000} s, giving up\n`)
    process.exit(1)
  }, DEADLINE_MS)
  watchdog.unref()
  if (!process.argv.includes('--no-build')) buildSdk()
  const sizes = await measureSizes()

  let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined
  const pages = await startPageServer(() => emulator?.origin ?? '')
  let browser: Browser | undefined
  let timings: Row[]
  try {
    emulator = await startEmulator(pages.origin)
    step(`emulator ${emulator.origin}, pages ${pages.origin}`)
    browser = await launchChromium()
    timings = await measureBrowser(browser, pages.origin, emulator.origin)
  } finally {
    await browser?.close()
    await emulator?.stop()
    await pages.close()
  }

  const cpu = cpus()
  const machine = {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    chromium: browser?.version() ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  }
  const rows = [...sizes, ...timings]
  const date = new Date().toISOString()
  const seconds = (Date.now() - began) / 1000
  const table = formatTable(rows)
  const results = join(ROOT, 'bench', 'results')
  mkdirSync(results, { recursive: true })
  const json = { date, seconds, machine, runs: RUNS, gzip: "Node's zlib, level 9", rows }
  writeFileSync(join(results, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`)
  const about = `${date.slice(0, 10)}; ${machine.cpus} × ${machine.cpuModel}; Chromium ${machine.chromium}; Node ${machine.node}`
  writeFileSync(join(results, 'latest.md'), `${table}\n\n${about}\n`)
  process.stdout.write(
    `\n${table}\n\n${about}\nbench: ${seconds.toFixed(0)} s; figures in bench/results/latest.json\n`,
  )
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
