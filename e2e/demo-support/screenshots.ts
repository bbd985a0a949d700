import type { Page } from '@playwright/test'

/**
 * Where the demo's screenshots (shown in CONTRIBUTING.md) are written. Every run takes them (so a page that cannot
 * render fails the run); they replace the committed ones in docs/screenshots only with
 * UPDATE_SCREENSHOTS=1, so an ordinary test run leaves the work tree clean.
 */
export async function takeReadmeScreenshot(page: Page, name: string, fullPage = false): Promise<void> {
  const folder = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots'
  await page.screenshot({ path: `${folder}/${name}.png`, fullPage })
}
