/**
 * The measurements made in Chromium. Every one alternates between the two SDKs (ours, auth0.js, ours, ...)
 * so that a slower stretch of the machine affects both alike, and every page that must be fresh gets its own
 * browser context (its own cache, cookies and storage).
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { chromiumLaunchOptions } from '../../chromium.config'
import { latestCode, SDKS, VARIANTS, type Sdk, type Variant } from './servers'

export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions)
}

export type PerSdk<T> = Record<Sdk, T[]>
const perSdk = <T>(): PerSdk<T> => ({ ours: [], auth0: [] })
const perVariant = <T>(): Record<Variant, T[]> => ({ ours: [], auth0: [], 'ours-implicit': [] })

declare global {
  interface Window {
    benchStartup?: { total: number; fetch: number; run: number } | { error: string }
    benchAdapter: {
      init: () => void
      start: (email: string) => Promise<unknown>
      login: (email: string, code: string) => Promise<unknown>
    }
    benchResult?: { at: number; sub: string }
    benchError?: string
  }
}

let emailCounter = 0
/** A new address per call, so that no call depends on the state an earlier one left for its address. */
const nextEmail = (purpose: string, sdk: Variant) => `${purpose}-${sdk}-${++emailCounter}@example.com`

async function withContext<T>(
  browser: Browser,
  run: (context: BrowserContext, page: Page) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext()
  try {
    return await run(context, await context.newPage())
  } finally {
    await context.close()
  }
}

/** Loads each UMD in `runs` fresh pages (after `warmup` unrecorded ones): total, fetch and parse+run in ms. */
export async function measureStartup(browser: Browser, origin: string, runs: number, warmup = 3) {
  const results = { total: perSdk<number>(), fetch: perSdk<number>(), run: perSdk<number>() }
  for (let index = 0; index < warmup + runs; index++) {
    for (const sdk of SDKS) {
      const timing = await withContext(browser, async (_context, page) => {
        await page.goto(`${origin}/startup.html?sdk=${sdk}`)
        await page.waitForFunction(() => window.benchStartup !== undefined)
        return page.evaluate(() => window.benchStartup)
      })
      if (timing === undefined || 'error' in timing)
        throw new Error(`start-up of ${sdk}: ${timing?.error ?? 'no result'}`)
      if (index < warmup) continue
      results.total[sdk].push(timing.total)
      results.fetch[sdk].push(timing.fetch)
      results.run[sdk].push(timing.run)
    }
  }
  return results
}

/** Times `calls` passwordlessStart calls per SDK inside the page (after `warmup` calls, which pay the preflight). */
export async function measureStartRoundTrip(browser: Browser, origin: string, calls: number, warmup = 5) {
  const durations = perSdk<number>()
  const contexts: BrowserContext[] = []
  try {
    const pages = {} as Record<Sdk, Page>
    for (const sdk of SDKS) {
      const context = await browser.newContext()
      contexts.push(context)
      pages[sdk] = await context.newPage()
      await pages[sdk].goto(`${origin}/${sdk}/app?isolated`)
      if (!(await pages[sdk].evaluate(() => crossOriginIsolated)))
        throw new Error(`the ${sdk} page is not cross-origin isolated: its timer would count in 100 µs steps`)
      await pages[sdk].evaluate(() => window.benchAdapter.init())
    }
    for (let index = 0; index < warmup + calls; index++) {
      for (const sdk of SDKS) {
        const duration = await pages[sdk].evaluate(
          async (email) => {
            const start = performance.now()
            await window.benchAdapter.start(email)
            return performance.now() - start
          },
          nextEmail('round-trip', sdk),
        )
        if (index >= warmup) durations[sdk].push(duration)
      }
    }
  } finally {
    for (const context of contexts) await context.close()
  }
  return durations
}

/**
 * Complete email-code logins, each in a fresh context from a loaded app page: start, read the code from the
 * emulator's outbox, login (which leaves the page), and the callback page's verified ID token. Wall time from
 * just before the start to the ID token's verification, and the number of HTTP requests the page made.
 */
export async function measureLogin(
  browser: Browser,
  origin: string,
  emulator: string,
  runs: number,
  warmup = 2,
) {
  const wall = perVariant<number>()
  const requests = perVariant<number>()
  const preflights = perVariant<number>()
  for (let index = 0; index < warmup + runs; index++) {
    for (const sdk of VARIANTS) {
      const result = await withContext(browser, async (context, page) => {
        await page.goto(`${origin}/${sdk}/app`)
        await page.evaluate(() => window.benchAdapter.init())
        let count = 0
        page.on('request', (request) => {
          if (!request.url().endsWith('/favicon.ico')) count++
        })
        // page.on('request') does not see CORS preflights; the DevTools protocol does.
        let preflightCount = 0
        const cdp = await context.newCDPSession(page)
        await cdp.send('Network.enable')
        cdp.on('Network.requestWillBeSent', (event) => {
          if (event.request.method === 'OPTIONS') preflightCount++
        })
        const email = nextEmail('login', sdk)
        const startedAt = await page.evaluate(async (address) => {
          const at = performance.timeOrigin + performance.now()
          await window.benchAdapter.start(address)
          return at
        }, email)
        const code = await latestCode(emulator, email)
        // Not awaited inside the page: on success the page goes away.
        await page.evaluate(([address, otp]) => void window.benchAdapter.login(address, otp), [
          email,
          code,
        ] as const)
        await page.waitForURL(`${origin}/${sdk}/callback**`)
        await page.waitForFunction(() => window.benchResult !== undefined || window.benchError !== undefined)
        const outcome = await page.evaluate(() => ({ result: window.benchResult, error: window.benchError }))
        if (outcome.result === undefined)
          throw new Error(`login with ${sdk}: ${outcome.error ?? 'no result'}`)
        return { wall: outcome.result.at - startedAt, requests: count, preflights: preflightCount }
      })
      if (index < warmup) continue
      wall[sdk].push(result.wall)
      requests[sdk].push(result.requests)
      preflights[sdk].push(result.preflights)
    }
  }
  return { wall, requests, preflights }
}

/**
 * JavaScript heap in use after loading the SDK, constructing it and one passwordlessStart, minus the same page
 * before (an empty page with the bench's config script), both after forced garbage collections. In bytes.
 */
export async function measureHeap(browser: Browser, origin: string, runs: number) {
  const heap = perSdk<number>()
  for (let index = 0; index < runs; index++) {
    for (const sdk of SDKS) {
      const delta = await withContext(browser, async (context, page) => {
        await page.goto(`${origin}/empty.html`)
        const cdp = await context.newCDPSession(page)
        const used = async () => {
          await cdp.send('HeapProfiler.collectGarbage')
          await cdp.send('HeapProfiler.collectGarbage')
          return (await cdp.send('Runtime.getHeapUsage')).usedSize
        }
        // The baseline already has what the measurement itself brings (a script tag, Playwright's evaluation).
        await page.addScriptTag({ url: '/config.js' })
        const baseline = await used()
        for (const script of [`/sdk/${sdk}.js`, `/pages/${sdk}.js`]) await page.addScriptTag({ url: script })
        await page.evaluate(
          async (email) => {
            window.benchAdapter.init()
            await window.benchAdapter.start(email)
          },
          nextEmail('heap', sdk),
        )
        return (await used()) - baseline
      })
      heap[sdk].push(delta)
    }
  }
  return heap
}
