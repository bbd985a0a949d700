/** Holding a page's script back, as a slow connection would, to see the page before the script runs. */
import type { Page } from '@playwright/test'

/** Holds every request to `url` until the returned function is called. */
export async function holdBack(page: Page, url: string): Promise<() => void> {
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route(url, async (route) => {
    await held
    await route.continue()
  })
  return release
}
