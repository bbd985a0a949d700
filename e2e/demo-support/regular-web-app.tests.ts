/**
 * The confidential app: its backend sends codes with the client secret and checks them with the OTP grant;
 * its hosted-page login forwards the page's state; the browser SDK refuses its secret; and the tenant's
 * "Enforce client authentication for passwordless connections" refuses, or logs, a browser call without one.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './page-problems'
import {
  EMULATOR,
  REGULAR_WEB_APP,
  advanceClock,
  latestMessage,
  outbox,
  patchSettings,
  searchLogs,
  wrongCode,
} from './emulator'
import { holdBack } from './hold'

const DEPNOTE_QUERY = 'type:depnote AND description:*passwordless*'

async function browserStart(page: Page, email: string): Promise<void> {
  await page.goto(`${REGULAR_WEB_APP}/`)
  await page.getByLabel('Email address', { exact: true }).fill(email)
  await page
    .getByRole('button', { name: 'Call /passwordless/start from the browser, without a secret' })
    .click()
}

async function signedInProfile(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible()
  return (await page.locator('#profile').textContent()) ?? ''
}

const MFA_USER = 'mfa@example.com'

/** The first step of the MFA demo user's sign-in: an emailed code, sent and checked by the backend. */
async function firstStep(page: Page): Promise<void> {
  await page.goto(`${REGULAR_WEB_APP}/`)
  await page.getByLabel('Email address or phone number').fill(MFA_USER)
  await page.getByRole('button', { name: 'Send code' }).click()
  await page.getByLabel('Code').fill((await latestMessage(MFA_USER)).code)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'Confirm it is you' })).toBeVisible()
}

/** The code the demo user's authenticator app shows now, read from the outbox page's emulator aid. */
async function authenticatorCode(page: Page): Promise<string> {
  const outboxPage = await page.context().newPage()
  await outboxPage.goto(`${EMULATOR}/__emulator/outbox.html`)
  await expect(outboxPage.getByText('Emulator aid: a real tenant never shows these.')).toBeVisible()
  const row = outboxPage.locator('li.authenticator', { hasText: MFA_USER })
  const code = (await row.locator('code.totp').textContent()) ?? ''
  await outboxPage.close()
  return code
}

export function regularWebAppTests(): void {
  test.describe('confidential app, a user with a second factor', () => {
    test('signs in with the emailed code, then the authenticator app code; a wrong one is explained', async ({
      page,
    }) => {
      await firstStep(page)
      const code = await authenticatorCode(page)
      expect(code).toMatch(/^\d{6}$/)
      await page.getByLabel('Code from your authenticator app').fill(wrongCode(code))
      await page.getByRole('button', { name: 'Verify app code' }).click()
      await expect(page.locator('#alert')).toHaveText(
        'That code is not right. Please check it and try again.',
      )

      await page.getByLabel('Code from your authenticator app').fill(code)
      await page.getByRole('button', { name: 'Verify app code' }).click()
      const shown = await signedInProfile(page)
      expect(shown).toContain(MFA_USER)
      expect(shown).toContain('a code by email, checked by our server, then an authenticator app code')
    })

    test('signs in with the emailed code, then a code texted for the second step', async ({ page }) => {
      await firstStep(page)
      await page.getByRole('button', { name: 'Text me a code' }).click()
      await expect(page.locator('#status')).toHaveText('We texted you a code.')
      const texted = await latestMessage('+15555550142')
      expect(texted).toMatchObject({ channel: 'sms', clientId: 'regular-web-demo' })

      await page.getByLabel('Code from the text message').fill(texted.code)
      await page.getByRole('button', { name: 'Verify texted code' }).click()
      const shown = await signedInProfile(page)
      expect(shown).toContain(MFA_USER)
      expect(shown).toContain('then a code by text message')
    })

    test('signs in with the recovery code as a person copies it, and is shown the new one once', async ({
      page,
    }) => {
      await firstStep(page)
      await page.getByText('Lost your phone? Use your recovery code').click()
      await page.getByLabel('Recovery code').fill('k7q2 m9x4 p8t3 w6z5 n1v2 r8d4')
      await page.getByRole('button', { name: 'Use recovery code' }).click()
      expect(await signedInProfile(page)).toContain('then a recovery code')
      await expect(page.locator('#status')).toHaveText(
        /Your old recovery code no longer works\. Your new one is [A-Z2-9]{24}:/,
      )
      await page.reload()
      await expect(page.locator('#status')).toHaveText('')
    })

    test('a second step left for more than ten minutes starts over, in plain words', async ({ page }) => {
      await firstStep(page)
      await advanceClock(601)
      await page.getByLabel('Code from your authenticator app').fill('123456')
      await page.getByRole('button', { name: 'Verify app code' }).click()
      await expect(page.getByRole('heading', { name: 'Sign in to the confidential app' })).toBeVisible()
      await expect(page.locator('#alert')).toHaveText('This sign-in took too long. Please start again.')
    })
  })

  test.describe('confidential app, client authentication enforced', () => {
    test('a browser call without a secret or state is refused and sends nothing', async ({
      page,
      problems,
    }) => {
      problems.allowFailedRequests(/\/passwordless\/start$/)
      await browserStart(page, 'mallory@example.com')
      await expect(page.locator('#browser-result')).toHaveText(
        'Refused by the tenant. unauthorized_client: Client authentication is required',
      )
      expect(await outbox()).toEqual([])
    })

    test('the backend sends the code with its secret and signs in with the OTP grant', async ({ page }) => {
      await page.goto(`${REGULAR_WEB_APP}/`)
      await page.getByLabel('Email address or phone number').fill('barbara@example.com')
      await page.getByRole('button', { name: 'Send code' }).click()
      await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible()
      const message = await latestMessage('barbara@example.com')
      expect(message.clientId).toBe('regular-web-demo')

      await page.getByLabel('Code').fill(message.code)
      await page.getByRole('button', { name: 'Sign in' }).click()
      const shown = await signedInProfile(page)
      expect(shown).toContain('barbara@example.com')
      expect(shown).toContain('a code by email, checked by our server')

      await page.getByRole('button', { name: 'Log out' }).click()
      await expect(page.getByRole('heading', { name: 'Sign in to the confidential app' })).toBeVisible()
    })

    test("the hosted login page's forwarded state is accepted and the app signs in", async ({ page }) => {
      await page.goto(`${REGULAR_WEB_APP}/`)
      await page.getByRole('link', { name: "Or sign in with the tenant's hosted login page" }).click()
      await expect(page).toHaveURL(new RegExp(`^${EMULATOR}/authorize\\?`))
      await page.getByLabel('Email address').fill('edsger@example.com')
      await page.getByRole('button', { name: 'Send code' }).click()
      // No secret on this page: the tenant accepted the start because it carried a live login state.
      const message = await latestMessage('edsger@example.com')
      expect(message.clientId).toBe('regular-web-demo')
      await page.getByLabel('Code').fill(message.code)
      await page.getByRole('button', { name: 'Verify' }).click()

      await expect(page).toHaveURL(`${REGULAR_WEB_APP}/`)
      const shown = await signedInProfile(page)
      expect(shown).toContain('edsger@example.com')
      expect(shown).toContain("the tenant's hosted login page")
      expect(await searchLogs(DEPNOTE_QUERY)).toEqual([])
    })

    test('a client secret given to the browser SDK: refused on the page, no request at all', async ({
      page,
    }) => {
      await page.goto(`${REGULAR_WEB_APP}/`)
      const tenantRequests: string[] = []
      page.on('request', (request) => {
        if (request.url().startsWith(EMULATOR)) tenantRequests.push(request.url())
      })
      await page
        .getByLabel('A client secret someone wants to put in the browser')
        .fill('regular-web-demo-secret')
      await page.getByRole('button', { name: 'Give it to the browser SDK' }).click()
      await expect(page.locator('#browser-result')).toContainText(
        'Refused by the SDK, nothing was sent. client_secret_in_browser:',
      )
      expect(tenantRequests).toEqual([])
      expect(await outbox()).toEqual([])
      expect(await searchLogs('type:*')).toEqual([])
    })
  })

  test.describe('confidential app, browser demo', () => {
    test('its buttons wait for the page script: an early press cannot put what was typed in the URL', async ({
      page,
    }) => {
      const release = await holdBack(page, `${REGULAR_WEB_APP}/static/browser-demo.js`)
      // Not "load" or "DOMContentLoaded": both wait for the held script.
      await page.goto(`${REGULAR_WEB_APP}/`, { waitUntil: 'commit' })
      const buttons = [
        page.getByRole('button', { name: 'Give it to the browser SDK' }),
        page.getByRole('button', { name: 'Call /passwordless/start from the browser, without a secret' }),
      ]
      for (const button of buttons) await expect(button).toBeDisabled()
      release()
      for (const button of buttons) await expect(button).toBeEnabled()
    })
  })

  test.describe('confidential app, client authentication not enforced', () => {
    test('a browser call without a secret succeeds and leaves a depnote in the tenant logs', async ({
      page,
    }) => {
      await patchSettings({ enforceClientAuthForPasswordless: false })
      expect(await searchLogs(DEPNOTE_QUERY)).toEqual([])
      await browserStart(page, 'legacy@example.com')
      await expect(page.locator('#browser-result')).toContainText('Accepted: enforcement is off')
      expect((await latestMessage('legacy@example.com')).clientId).toBe('regular-web-demo')
      const entries = await searchLogs(DEPNOTE_QUERY)
      expect(entries).toHaveLength(1)
      expect(entries[0]).toMatchObject({ type: 'depnote', client_id: 'regular-web-demo' })
      expect(entries[0]?.description).toContain('Enforce client authentication for passwordless connections')
    })
  })
}
