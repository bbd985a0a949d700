/**
 * The demo suite's `test`: pages watched for problems (page-problems.ts), and `demo`, the servers a test
 * runs against. By default those are the shared ones Playwright's webServer starts (plain HTTP, fixed
 * ports); e2e/https.spec.ts runs the same tests against its own HTTPS emulator and SPA.
 */
import type {
  PlaywrightTestArgs,
  PlaywrightTestOptions,
  PlaywrightWorkerArgs,
  TestType,
} from '@playwright/test'
import { EMULATOR, SPA, sharedEmulator } from './emulator'
import type { EmulatorControl } from './emulator'
import { test } from './page-problems'
import type { PageProblems } from './page-problems'

export interface DemoServers {
  /** The emulator's origin; its issuer is this with a trailing slash. */
  emulator: string
  /** The demo SPA's origin. */
  spa: string
  control: EmulatorControl
  /** Whether this run takes the documentation's screenshots (one run does). */
  screenshots: boolean
}

export const SHARED_SERVERS: DemoServers = {
  emulator: EMULATOR,
  spa: SPA,
  control: sharedEmulator,
  screenshots: true,
}

export const demoTest = test.extend<{ demo: DemoServers }>({ demo: [SHARED_SERVERS, { option: true }] })

/** Any `test` that gives the demo fixtures, whatever worker fixtures it adds. */
export type DemoTest = TestType<
  PlaywrightTestArgs & PlaywrightTestOptions & { problems: PageProblems; demo: DemoServers },
  PlaywrightWorkerArgs
>
