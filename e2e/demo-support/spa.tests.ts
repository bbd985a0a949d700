/**
 * The demo SPA's three ways in, each to a logged-in page with the right person, and its log-out. They run
 * against the shared servers (demo-suite.spec.ts) and once more with the emulator in HTTPS mode
 * (https.spec.ts): `demo` says which.
 */
import { expect } from './page-problems'
import { demoTest } from './demo-test'
import type { DemoTest } from './demo-test'
import { enterCode, openSpa, profile, requestMessage } from './spa-page'
import { holdBack } from './hold'
import { takeReadmeScreenshot } from './screenshots'

export function spaTests(test: DemoTest = demoTest): void {
  test.describe('SPA demo', () => {
    test('email code: sends a code, verifies it, shows the verified profile', async ({ page, demo }) => {
      await openSpa(page, demo.spa)
      await requestMessage(page, 'email code', 'ada@example.com')
      // Focus goes straight to the code field: the next thing the person has to do.
      await expect(page.getByLabel('Code', { exact: true })).toBeFocused()
      const message = await demo.control.latestMessage('ada@example.com')
      expect(message).toMatchObject({ channel: 'email', kind: 'code', clientId: 'spa-demo' })
      await enterCode(page, message.code)

      await expect(page).toHaveURL(`${demo.spa}/`) // code and state removed from the address bar
      const shown = await profile(page)
      expect(shown).toMatchObject({
        Email: 'ada@example.com',
        'Email verified': 'true',
        Issuer: `${demo.emulator}/`,
      })
      expect(shown['User id']).toMatch(/^email\|/)
      await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeFocused()
      if (demo.screenshots) await takeReadmeScreenshot(page, 'spa-signed-in', true)

      await page.getByRole('button', { name: 'Log out' }).click()
      await expect(page.getByRole('heading', { name: 'Choose how to sign in' })).toBeFocused()
      await expect(page.getByRole('status')).toHaveText('You are signed out.')
    })

    test('email link: the link, confirmed on the tenant, comes back logged in', async ({ page, demo }) => {
      await openSpa(page, demo.spa)
      await requestMessage(page, 'email link', 'grace@example.com')
      await expect(page.getByRole('heading', { name: 'Check your email' })).toBeFocused()
      const message = await demo.control.latestMessage('grace@example.com')
      expect(message.kind).toBe('link')
      // Same tab: the login transaction (state, nonce, PKCE verifier) lives in this tab's sessionStorage.
      await page.goto(message.link ?? '')
      await page.getByRole('button', { name: 'Sign in' }).click()

      await expect(page).toHaveURL(`${demo.spa}/`)
      expect(await profile(page)).toMatchObject({ Email: 'grace@example.com', 'Email verified': 'true' })
    })

    test('S19: a link opened in a second tab of the same browser completes there', async ({ page, demo }) => {
      await openSpa(page, demo.spa)
      await requestMessage(page, 'email link', 'tabs@example.com')
      const message = await demo.control.latestMessage('tabs@example.com')
      const second = await page.context().newPage()
      await second.goto(message.link ?? '')
      await second.getByRole('button', { name: 'Sign in' }).click()
      await expect(second).toHaveURL(`${demo.spa}/`)
      expect(await profile(second)).toMatchObject({ Email: 'tabs@example.com' })
      await second.close()
    })

    test('S19: a link opened in another browser gets its own outcome and the demo says what to do; nothing is exchanged', async ({
      page,
      browser,
      demo,
    }) => {
      await openSpa(page, demo.spa)
      await requestMessage(page, 'email link', 'elsewhere@example.com')
      const message = await demo.control.latestMessage('elsewhere@example.com')
      const otherBrowser = await browser.newContext()
      const other = await otherBrowser.newPage()
      const tokenRequests: string[] = []
      other.on('request', (request) => {
        if (request.url().endsWith('/oauth/token')) tokenRequests.push(request.url())
      })
      await other.goto(message.link ?? '')
      await other.getByRole('button', { name: 'Sign in' }).click()
      await expect(other.getByRole('alert')).toHaveText(
        /opened in another browser .* Ask for a new link here, or open the link in the browser where you asked for it\./,
      )
      await expect(other.getByRole('heading', { name: 'Choose how to sign in' })).toBeVisible()
      expect(tokenRequests).toEqual([])
      await otherBrowser.close()
    })

    test('SMS code: sends a text, verifies it, shows the phone number', async ({ page, demo }) => {
      await openSpa(page, demo.spa)
      await requestMessage(page, 'SMS code', '+15555550123')
      const message = await demo.control.latestMessage('+15555550123')
      expect(message).toMatchObject({ channel: 'sms', kind: 'code' })
      await enterCode(page, message.code)

      const shown = await profile(page)
      expect(shown).toMatchObject({ 'Phone number': '+15555550123', 'Phone verified': 'true' })
      expect(shown['User id']).toMatch(/^sms\|/)
      expect(shown['Email']).toBeUndefined()
    })

    test('authorize(): the tenant’s login page, with the address filled in, completes the login back here', async ({
      page,
      demo,
    }) => {
      await openSpa(page, demo.spa)
      await page.getByLabel('Email address').fill('hosted@example.com')
      await page.getByRole('button', { name: 'Sign in on the login page instead' }).click()
      await page.waitForURL(`${demo.emulator}/authorize?**`)
      const sent = new URL(page.url()).searchParams
      expect(Object.fromEntries(sent)).toMatchObject({
        connection: 'email',
        login_hint: 'hosted@example.com',
        code_challenge_method: 'S256',
      })
      // The hosted page (the emulator's Universal Login page, running this SDK's UMD build).
      await expect(page.getByLabel('Email address')).toHaveValue('hosted@example.com')
      await page.getByRole('button', { name: 'Send code' }).click()
      const message = await demo.control.latestMessage('hosted@example.com')
      await page.getByLabel('Code', { exact: true }).fill(message.code)
      await page.getByRole('button', { name: 'Verify and sign in' }).click()

      await expect(page).toHaveURL(`${demo.spa}/`)
      expect(await profile(page)).toMatchObject({ Email: 'hosted@example.com' })
    })

    test('the send button waits for the app script: an early press cannot put the address in the URL', async ({
      page,
      demo,
    }) => {
      const release = await holdBack(page, `${demo.spa}/app.js`)
      // Not "load" or "DOMContentLoaded": both wait for the held module script.
      await page.goto(`${demo.spa}/`, { waitUntil: 'commit' })
      await page.getByLabel('Email address').fill('early@example.com')
      await expect(page.getByRole('button', { name: 'Send code' })).toBeDisabled()
      release()
      await expect(page.getByRole('button', { name: 'Send code' })).toBeEnabled()
      expect(page.url()).toBe(`${demo.spa}/`)
    })
  })
}
