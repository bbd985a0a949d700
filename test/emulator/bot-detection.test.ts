import { describe, expect, test } from 'vitest'
import { CAPTCHA_ALPHABET, CAPTCHA_LENGTH, drawCaptcha } from '../../demo/server/captcha-image'
import { parseCliOptions } from '../../demo/server/cli-options'
import { SPA, SPA_CALLBACK, fromIp, readLoginConfig, setup, startEmail } from './helpers'
import type { Harness } from './helpers'

const AUTHORIZE = `/authorize?client_id=${SPA}&redirect_uri=${encodeURIComponent(SPA_CALLBACK)}&response_type=code`

/** Opens the hosted login page and answers its login transaction's state. */
async function openLoginPage(h: Harness, headers: Record<string, string> = {}): Promise<string> {
  const page = await h.get(AUTHORIZE, headers)
  return (await readLoginConfig(page)).internalOptions['state'] ?? ''
}

async function challenge(h: Harness, state: string, headers: Record<string, string> = {}) {
  const response = await h.post('/passwordless/challenge', { state }, headers)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** The answer of the newest `auth0` image, read through the emulator's aid. */
async function pendingAnswer(h: Harness, state: string): Promise<string> {
  const response = await h.get('/__emulator/captcha')
  const { answers } = (await response.json()) as { answers: { state: string; answer: string }[] }
  return answers.find((each) => each.state === state)?.answer ?? ''
}

function start(h: Harness, state: string, captcha?: string, headers: Record<string, string> = {}) {
  return startEmail(
    h,
    'captcha@example.com',
    { authParams: { state }, ...(captcha === undefined ? {} : { captcha }) },
    headers,
  )
}

describe('E28, E31: /passwordless/challenge', () => {
  test('answers required: false under "never"', async () => {
    const h = setup()
    const state = await openLoginPage(h)
    expect(await challenge(h, state)).toEqual({ status: 200, body: { required: false } })
  })

  test('answers an auth0 image (an SVG data URL with no text in it) under "always"', async () => {
    const h = setup({ tenant: { settings: { botDetection: 'always' } } })
    const state = await openLoginPage(h)
    const { status, body } = await challenge(h, state)
    expect(status).toBe(200)
    expect(body).toMatchObject({ required: true, provider: 'auth0', type: 'code' })
    const image = String(body['image'])
    expect(image).toMatch(/^data:image\/svg\+xml;base64,/)
    const svg = Buffer.from(image.split(',')[1] ?? '', 'base64').toString('utf8')
    const answer = await pendingAnswer(h, state)
    expect(answer).toMatch(new RegExp(`^[${CAPTCHA_ALPHABET}]{${CAPTCHA_LENGTH}}$`))
    expect(svg).not.toContain('<text')
    expect(svg).not.toContain(answer)
  })

  test('names the stand-in as an auth0_v2 widget with its site key', async () => {
    const h = setup({ tenant: { settings: { botDetection: 'always', botDetectionProvider: 'stand-in' } } })
    const state = await openLoginPage(h)
    expect((await challenge(h, state)).body).toEqual({
      required: true,
      provider: 'auth0_v2',
      siteKey: 'emulator-stand-in',
    })
  })

  test('refuses an unknown state', async () => {
    const h = setup({ tenant: { settings: { botDetection: 'always' } } })
    expect(await challenge(h, 'not-a-transaction')).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    })
  })

  test('draws a different image every time, each character a glyph of strokes', () => {
    expect(drawCaptcha('ACD34')).not.toBe(drawCaptcha('ACD34'))
    expect(drawCaptcha('ACD34').match(/<g /g)).toHaveLength(5)
  })
})

describe('E29: /passwordless/start under bot detection', () => {
  test('refuses a missing answer with invalid_captcha (400, Auth0 shape), logs it, and sends nothing', async () => {
    const h = setup({ tenant: { settings: { botDetection: 'always' } } })
    const state = await openLoginPage(h)
    await challenge(h, state)
    const response = await start(h, state)
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: 'invalid_captcha',
      error_description: 'Invalid captcha value',
    })
    expect(h.emulator.outbox.list()).toEqual([])
    expect(h.emulator.logs.search('type:pla')).toEqual([
      expect.objectContaining({
        type: 'pla',
        description: expect.stringContaining('missing'),
        client_id: SPA,
      }),
    ])
  })

  test('checks an answer once: a wrong one uses it up, and the next challenge has a new answer', async () => {
    const h = setup({ tenant: { settings: { botDetection: 'always' } } })
    const state = await openLoginPage(h)
    await challenge(h, state)
    const first = await pendingAnswer(h, state)
    expect((await start(h, state, 'WRONG')).status).toBe(400)
    // The right answer, too late: it was checked already.
    expect((await start(h, state, first)).status).toBe(400)
    await challenge(h, state)
    const second = await pendingAnswer(h, state)
    expect((await start(h, state, ` ${second.toLowerCase()} `)).status).toBe(200)
    expect(h.emulator.outbox.list()).toHaveLength(1)
  })

  test('E31: accepts a stand-in token once, and refuses a token it never issued', async () => {
    const h = setup({ tenant: { settings: { botDetection: 'always', botDetectionProvider: 'stand-in' } } })
    const state = await openLoginPage(h)
    const issued = await h.post('/__emulator/captcha/stand-in/token', { sitekey: 'emulator-stand-in' })
    const { token } = (await issued.json()) as { token: string }
    expect((await start(h, state, 'stand-in.forged')).status).toBe(400)
    expect((await start(h, state, token)).status).toBe(200)
    expect((await start(h, state, token)).status).toBe(400)
    expect((await h.post('/__emulator/captcha/stand-in/token', { sitekey: 'other' })).status).toBe(400)
  })

  test('leaves starts without a login transaction to the rate limits (no challenge can reach them)', async () => {
    const h = setup({ tenant: { settings: { botDetection: 'always' } } })
    expect((await startEmail(h, 'app@example.com')).status).toBe(200)
  })

  test('"risky" asks from the start after botDetectionRiskyAfter starts from one address', async () => {
    const h = setup({ tenant: { settings: { botDetection: 'risky', botDetectionRiskyAfter: 2 } } })
    const ip = fromIp('203.0.113.9')
    const state = await openLoginPage(h, ip)
    expect((await start(h, state, undefined, ip)).status).toBe(200)
    expect((await start(h, state, undefined, ip)).status).toBe(200)
    expect((await challenge(h, state, ip)).body).toMatchObject({ required: true })
    expect((await start(h, state, undefined, ip)).status).toBe(400)
    // Another address is not at risk; an hour later this one is not either.
    expect((await challenge(h, state, fromIp('203.0.113.10'))).body).toEqual({ required: false })
    h.clock.now += 3_600_000
    expect((await challenge(h, await openLoginPage(h, ip), ip)).body).toEqual({ required: false })
  })
})

describe('E30: a refused captcha counts toward the rate limit', () => {
  test('the refusals take tokens from the bucket of the address', async () => {
    const h = setup({ tenant: { settings: { botDetection: 'always', startRateLimitBucketSize: 2 } } })
    const state = await openLoginPage(h)
    expect((await start(h, state, 'WRONG')).status).toBe(400)
    expect((await start(h, state, 'WRONG')).status).toBe(400)
    const third = await start(h, state, 'WRONG')
    expect(third.status).toBe(429)
  })
})

describe('bot detection from the command line', () => {
  test('--bot-detection and BOT_DETECTION_PROVIDER set it; a value that does not exist is refused by name', () => {
    expect(
      parseCliOptions(['--bot-detection', 'always'], { BOT_DETECTION_PROVIDER: 'stand-in' }).settings,
    ).toEqual({
      botDetection: 'always',
      botDetectionProvider: 'stand-in',
    })
    expect(() => parseCliOptions(['--bot-detection', 'sometimes'], {})).toThrow(
      /--bot-detection \/ BOT_DETECTION must be one of never, risky, always/,
    )
    expect(() => parseCliOptions([], { BOT_DETECTION_PROVIDER: 'recaptcha' })).toThrow(
      /BOT_DETECTION_PROVIDER/,
    )
  })
})
