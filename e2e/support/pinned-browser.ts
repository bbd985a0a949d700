/**
 * Chromium for the runs with servers of their own certificates: it trusts exactly those certificates, by the
 * SPKI pins their servers printed, rather than ignoring certificate errors, so a page that reached another
 * server would still fail.
 */
import type { Browser, BrowserType } from '@playwright/test'
import { chromiumLaunchOptions } from '../../chromium.config'

export function launchTrusting(
  chromium: BrowserType,
  spkiPins: string[],
  args: string[] = [],
): Promise<Browser> {
  return chromium.launch({
    ...chromiumLaunchOptions,
    args: [
      ...chromiumLaunchOptions.args,
      `--ignore-certificate-errors-spki-list=${spkiPins.join(',')}`,
      ...args,
    ],
  })
}
