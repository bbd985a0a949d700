/**
 * `POST /passwordless/challenge` (E28): whether the hosted login page must show a captcha before it asks for a
 * code, and which one, in the shape auth0.js and Lock read. It is the page's own call (same origin, no CORS),
 * made with the `state` of its login transaction.
 *
 * Emulator aids (E14), under `/__emulator/captcha`: the answers of the `auth0` images waiting for their check,
 * for tests that must type the right one; and the token endpoint of the stand-in widget, which plays the
 * provider's own server for the stand-in script (demo/universal-login/captcha-stand-in.js).
 */
import { randomBytes } from 'node:crypto'
import type { Hono } from 'hono'
import { newChallenge, STAND_IN_SITE_KEY } from '../bot-detection'
import { transactionOf } from '../login-transactions'
import type { EmulatorContext } from '../context'
import { readParams } from '../http'
import type { AppEnv } from '../http'
import { assert } from '../problem'
import { EMULATOR_NOTICE } from './emulator'

export function registerPasswordlessChallenge(app: Hono<AppEnv>, context: EmulatorContext): void {
  app.post('/passwordless/challenge', async (c) => {
    const params = await readParams(c)
    assert(params !== undefined, 400, 'bad.request', 'Request body must be a JSON object or a form')
    const transaction = transactionOf(context, params['state'])
    assert(transaction !== undefined, 400, 'invalid_request', 'Unknown or expired login transaction (state)')
    return c.json(newChallenge(context, transaction, c.get('clientIp')))
  })

  app.get('/__emulator/captcha', (c) =>
    c.json({ notice: EMULATOR_NOTICE, answers: context.botDetection.pendingAnswers() }),
  )

  // The stand-in's "provider server": a token for a ticked checkbox, good once at /passwordless/start.
  app.post('/__emulator/captcha/stand-in/token', async (c) => {
    const params = await readParams(c)
    assert(params?.['sitekey'] === STAND_IN_SITE_KEY, 400, 'invalid_request', 'Unknown site key')
    const token = `stand-in.${randomBytes(24).toString('base64url')}`
    context.botDetection.issueToken(token)
    return c.json({ notice: EMULATOR_NOTICE, token })
  })
}
