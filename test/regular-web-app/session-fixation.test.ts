import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Emulator } from '../../demo/server/app'
import { serveEmulator, spawnServer } from '../support/served'
import type { SpawnedServer } from '../support/served'

let emulator: { emulator: Emulator; origin: string; close: () => Promise<void> }
let app: SpawnedServer

beforeAll(async () => {
  emulator = await serveEmulator()
  app = await spawnServer('demo/regular-web-app/server.ts', { env: { EMULATOR_ORIGIN: emulator.origin } })
}, 60_000)

afterAll(async () => {
  await app?.stop()
  await emulator?.close()
})

/** What a browser holding cookie `session` sees at `path`: the page, its CSRF token, any new session id. */
async function visit(
  session: string | undefined,
  path: string,
  form?: Record<string, string>,
): Promise<{ status: number; text: string; csrf?: string; newSession?: string }> {
  const response = await fetch(`${app.origin}${path}`, {
    method: form === undefined ? 'GET' : 'POST',
    redirect: 'manual',
    headers: {
      ...(session === undefined ? {} : { cookie: `rwa_session=${session}` }),
      ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    ...(form === undefined ? {} : { body: new URLSearchParams(form).toString() }),
  })
  const text = await response.text()
  const newSession = /rwa_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1]
  const csrf = /name="csrf" value="([^"]+)"/.exec(text)?.[1]
  return {
    status: response.status,
    text,
    ...(csrf === undefined ? {} : { csrf }),
    ...(newSession === undefined ? {} : { newSession }),
  }
}

const SIGNED_IN = 'You are signed in'

describe('D1: the confidential app rotates its session at sign-in and sign-out', () => {
  test("a session id planted before the login (another port's page can set it) is not the victim's after", async () => {
    // The attacker gets a session id and its CSRF token from the app, and plants the id in the victim's browser.
    const attacker = await visit(undefined, '/')
    const planted = attacker.newSession as string
    expect(planted).toBeDefined()

    // The victim signs in with the planted cookie.
    const email = 'fixation@example.com'
    const start = await visit(planted, '/start', {
      csrf: attacker.csrf ?? '',
      connection: 'email',
      identity: email,
    })
    expect(start.status).toBe(303)
    const code = emulator.emulator.outbox.list(email)[0]?.code ?? ''
    const signIn = await visit(planted, '/verify', { csrf: attacker.csrf ?? '', code })
    expect(signIn.status).toBe(303)

    // A new id at sign-in; the planted one is dead, and the old CSRF token with it.
    const victim = signIn.newSession
    expect(victim).toBeDefined()
    expect(victim).not.toBe(planted)
    expect((await visit(planted, '/')).text).not.toContain(SIGNED_IN)
    const victimPage = await visit(victim, '/')
    expect(victimPage.text).toContain(SIGNED_IN)
    expect(victimPage.text).toContain(email)
    expect(victimPage.csrf).toBeDefined()
    expect(victimPage.csrf).not.toBe(attacker.csrf)
    expect((await visit(victim, '/logout', { csrf: attacker.csrf ?? '' })).status).toBe(403)

    // Sign-out: the id is dead and the browser gets a new one with a new CSRF token.
    const signOut = await visit(victim, '/logout', { csrf: victimPage.csrf ?? '' })
    expect(signOut.status).toBe(303)
    expect(signOut.newSession).toBeDefined()
    expect(signOut.newSession).not.toBe(victim)
    expect((await visit(victim, '/')).text).not.toContain(SIGNED_IN)
    const after = await visit(signOut.newSession, '/')
    expect(after.newSession).toBeUndefined()
    expect(after.text).not.toContain(SIGNED_IN)
    expect(after.csrf).not.toBe(victimPage.csrf)
  }, 30_000)
})
