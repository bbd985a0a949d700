/**
 * Bot detection on the hosted login page (E28, E29, E31): with `always` and the `auth0` provider, a wrong answer is
 * refused and a new image appears, and the right one sends the code and the login completes (with `risky`, once
 * the address has started a login); with the emulator's stand-in widget, its token sends the code, whether the
 * page loads it or the SDK loads it (from Turnstile's address, answered by the stand-in, with the page's nonce);
 * with `never`, no challenge is shown and the flow is the usual one. Every run is watched for CSP violations and
 * console errors by the `problems` fixture.
 */
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from './page-problems'
import { EMULATOR, latestMessage, outbox, patchSettings } from './emulator'
import { expectSignedIn, openHostedPage } from './universal-login.tests'

/** The emulator's stand-in widget, which the tests also serve at Turnstile's address. */
const STAND_IN_SCRIPT = 'demo/universal-login/captcha-stand-in.js'

/** The answer of the newest captcha image, from the emulator's aid (a real tenant has no such route). */
async function captchaAnswer(): Promise<string> {
  const response = await fetch(`${EMULATOR}/__emulator/captcha`)
  const { answers } = (await response.json()) as { answers: { answer: string }[] }
  return answers[0]?.answer ?? ''
}

/** The bodies the page sent to /passwordless/start, in order. */
function recordStarts(page: Page): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/passwordless/start')
      bodies.push(request.postDataJSON() as Record<string, unknown>)
  })
  return bodies
}

/** Turns bot detection on with `provider`, then opens the hosted page, recording what it sends to start. */
async function openUnderBotDetection(page: Page, provider: 'auth0' | 'stand-in') {
  await patchSettings({ botDetection: 'always', botDetectionProvider: provider })
  const starts = recordStarts(page)
  return { starts, login: await openHostedPage(page) }
}

/** Types the code of the newest message to `email` and signs in. */
async function enterCode(page: Page, email: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible()
  const message = await latestMessage(email)
  await page.getByLabel('Code', { exact: true }).fill(message.code)
  await page.getByRole('button', { name: 'Verify and sign in' }).click()
}

export function captchaTests(): void {
  test.describe('Bot detection on the Universal Login page', () => {
    test('always, auth0 image: a wrong answer is refused and a new image appears; the right one signs in', async ({
      page,
      problems,
    }) => {
      const { starts, login } = await openUnderBotDetection(page, 'auth0')
      const image = page.getByRole('img', { name: 'Captcha' })
      await expect(image).toBeVisible()
      const answerField = page.getByRole('textbox', { name: 'Enter the code shown above' })
      const firstImage = await image.getAttribute('src')
      expect(firstImage).toMatch(/^data:image\/svg\+xml;base64,/)

      problems.allowFailedRequests(/\/passwordless\/start$/)
      await page.getByLabel('Email address').fill('ada@example.com')
      await answerField.fill('WRONG')
      await page.getByRole('button', { name: 'Send code' }).click()
      await expect(page.getByRole('alert')).toHaveText(
        'The answer to the challenge was not right. Please try the new one.',
      )
      await expect(image).not.toHaveAttribute('src', firstImage ?? '')
      await expect(answerField).toHaveValue('')
      expect(await outbox('ada@example.com')).toHaveLength(0)

      await answerField.fill(await captchaAnswer())
      await page.getByRole('button', { name: 'Send code' }).click()
      await enterCode(page, 'ada@example.com')
      await expectSignedIn(login, { email: 'ada@example.com' })
      expect(starts.map((body) => typeof body['captcha'])).toEqual(['string', 'string'])
    })

    test('always, the emulator’s stand-in widget: its token sends the code and the login completes', async ({
      page,
    }) => {
      const { starts, login } = await openUnderBotDetection(page, 'stand-in')
      const checkbox = page.getByRole('checkbox', { name: 'I am not a robot' })
      await expect(checkbox).toBeVisible()
      await page.getByLabel('Email address').fill('grace@example.com')
      const token = page.waitForResponse(`${EMULATOR}/__emulator/captcha/stand-in/token`)
      await checkbox.check()
      expect((await token).ok()).toBe(true)
      await page.getByRole('button', { name: 'Send code' }).click()
      await enterCode(page, 'grace@example.com')
      await expectSignedIn(login, { email: 'grace@example.com' })
      expect(String(starts[0]?.['captcha'])).toMatch(/^stand-in\./)
    })

    test('always, the stand-in served as Turnstile’s own script: the SDK loads it with the page’s nonce, and its token signs in', async ({
      page,
    }) => {
      // A page that does not load the widget itself: the SDK loads Turnstile's script, answered by the stand-in.
      await page.route(`${EMULATOR}/universal-login/captcha-stand-in.js`, (route) =>
        route.fulfill({ contentType: 'text/javascript', body: '' }),
      )
      const turnstile: string[] = []
      await page.route('https://challenges.cloudflare.com/turnstile/v0/api.js*', (route) => {
        turnstile.push(route.request().url())
        return route.fulfill({ contentType: 'text/javascript', body: readFileSync(STAND_IN_SCRIPT) })
      })
      const policy = page.waitForResponse((response) => new URL(response.url()).pathname === '/authorize')
      const { starts, login } = await openUnderBotDetection(page, 'stand-in')
      const checkbox = page.getByRole('checkbox', { name: 'I am not a robot' })
      await expect(checkbox).toBeVisible()
      expect(turnstile).toHaveLength(1)
      const loaded = await page.evaluate(
        (src) => [...document.scripts].find((script) => script.src === src)?.nonce,
        turnstile[0],
      )
      const csp = (await (await policy).allHeaders())['content-security-policy'] ?? ''
      expect(loaded).toBeTruthy()
      expect(csp).toContain(`'nonce-${loaded}'`)
      await page.getByLabel('Email address').fill('hedy@example.com')
      await checkbox.check()
      await page.getByRole('button', { name: 'Send code' }).click()
      await enterCode(page, 'hedy@example.com')
      await expectSignedIn(login, { email: 'hedy@example.com' })
      expect(String(starts[0]?.['captcha'])).toMatch(/^stand-in\./)
    })

    test('risky: no challenge for the first start from an address; once it has started, the next page asks, and the right answer signs in', async ({
      page,
      problems,
    }) => {
      await patchSettings({ botDetection: 'risky', botDetectionRiskyAfter: 1, botDetectionProvider: 'auth0' })
      const starts = recordStarts(page)
      await openHostedPage(page)
      await expect(page.locator('#captcha')).toBeHidden()
      await page.getByLabel('Email address').fill('ada@example.com')
      await page.getByRole('button', { name: 'Send code' }).click()
      await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible()

      // A new login from the same address, which has started one already: now it is risky.
      const login = await openHostedPage(page)
      const image = page.getByRole('img', { name: 'Captcha' })
      await expect(image).toBeVisible()
      problems.allowFailedRequests(/\/passwordless\/start$/)
      await page.getByLabel('Email address').fill('ada@example.com')
      await page.getByRole('button', { name: 'Send code' }).click()
      await expect(page.getByRole('alert')).toHaveText(
        'The answer to the challenge was not right. Please try the new one.',
      )
      await page.getByRole('textbox', { name: 'Enter the code shown above' }).fill(await captchaAnswer())
      await page.getByRole('button', { name: 'Send code' }).click()
      await enterCode(page, 'ada@example.com')
      await expectSignedIn(login, { email: 'ada@example.com' })
      expect(starts.map((body) => body['captcha'] === undefined)).toEqual([true, true, false])
    })

    test('never: no challenge is shown and the start carries no captcha', async ({ page }) => {
      const starts = recordStarts(page)
      const login = await openHostedPage(page)
      await expect(page.locator('#captcha')).toBeHidden()
      await expect(page.locator('#captcha')).toBeEmpty()
      await page.getByLabel('Email address').fill('linus@example.com')
      await page.getByRole('button', { name: 'Send code' }).click()
      await enterCode(page, 'linus@example.com')
      await expectSignedIn(login, { email: 'linus@example.com' })
      expect(starts).toHaveLength(1)
      expect(starts[0]).not.toHaveProperty('captcha')
    })
  })
}
