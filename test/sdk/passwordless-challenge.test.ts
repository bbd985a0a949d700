import { describe, expect, expectTypeOf, test } from 'vitest'
import {
  createClient,
  fromUniversalLoginConfig,
  getPasswordlessChallenge,
  type CaptchaElement,
  type PasswordlessChallenge,
} from '../../src/index'
import { fakeServer, json, type FakeServer } from './support/fake-fetch'
import { CLIENT_ID, DOMAIN, EMAIL, REDIRECT_URI, makeWebAuth, rejectsWith } from './support/fixtures'

const STATE = 'hKFo2SBzdGF0ZS1vZi10aGUtcGFnZQ'

/** The hosted page's WebAuth, as its `@@config@@` builds it. */
function hostedPage(server: FakeServer) {
  return fromUniversalLoginConfig(
    {
      auth0Domain: DOMAIN,
      clientID: CLIENT_ID,
      callbackURL: REDIRECT_URI,
      internalOptions: { state: STATE },
    },
    { fetch: server.fetch },
  )
}

const challengeAnswer = (body: unknown) =>
  fakeServer({
    method: 'POST',
    path: '/passwordless/challenge',
    check: (request) => expect(request.body).toEqual({ state: STATE }),
    reply: json(200, body),
  })

describe('getPasswordlessChallenge()', () => {
  test('asks /passwordless/challenge with the page state and answers the typed challenge', async () => {
    const image = 'data:image/png;base64,iVBORw0KGgo='
    const server = challengeAnswer({ required: true, provider: 'auth0', image, type: 'code' })
    const challenge: PasswordlessChallenge = await hostedPage(server).getPasswordlessChallenge()
    expect(challenge).toEqual({ required: true, provider: 'auth0', image, type: 'code' })
    server.verify()
  })

  test('passes a widget challenge on with its site key', async () => {
    const server = challengeAnswer({ required: true, provider: 'hcaptcha', siteKey: 'site-key' })
    expect(await hostedPage(server).getPasswordlessChallenge()).toEqual({
      required: true,
      provider: 'hcaptcha',
      siteKey: 'site-key',
    })
  })

  test('answers "not required" when the tenant requires none, and reads nothing else from the answer', async () => {
    const server = challengeAnswer({ required: false, provider: 'auth0' })
    expect(await hostedPage(server).getPasswordlessChallenge()).toEqual({ required: false })
  })

  test('answers "not required" without any request where there is no login transaction (an app)', async () => {
    const server = fakeServer()
    const { webAuth } = makeWebAuth(server)
    expect(await webAuth.getPasswordlessChallenge()).toEqual({ required: false })
    const client = createClient({ domain: DOMAIN, clientID: CLIENT_ID, fetch: server.fetch })
    expect(await getPasswordlessChallenge(client)).toEqual({ required: false })
    expect(server.requests).toEqual([])
  })

  test('the function form asks the same as the method, and the callback form is called once', async () => {
    const server = challengeAnswer({ required: false })
    const client = createClient({
      domain: DOMAIN,
      clientID: CLIENT_ID,
      fetch: server.fetch,
      internalOptions: { state: STATE },
      hostedPage: true,
    })
    expect(await getPasswordlessChallenge(client)).toEqual({ required: false })
    server.expect({ method: 'POST', path: '/passwordless/challenge', reply: json(200, { required: true }) })
    const answer = await new Promise((resolve) =>
      hostedPage(server).getPasswordlessChallenge((error, result) => resolve({ error, result })),
    )
    // A tenant that names no provider means the image (Lock draws it then).
    expect(answer).toEqual({ error: null, result: { required: true, provider: 'auth0' } })
  })

  test('refuses an answer that is not an object with invalid_response', async () => {
    const server = challengeAnswer(['required'])
    await rejectsWith(hostedPage(server).getPasswordlessChallenge(), 'invalid_response')
  })
})

describe('passwordlessStart({ captcha }) and invalid_captcha', () => {
  test('sends the answer as `captcha`, and a refusal comes back as a WebAuthError the page can act on', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) => expect(request.body).toMatchObject({ captcha: 'K7PQM', email: EMAIL }),
      reply: json(400, { error: 'invalid_captcha', error_description: 'Invalid captcha value' }),
    })
    const error = await rejectsWith(
      hostedPage(server).passwordlessStart({
        connection: 'email',
        send: 'code',
        email: EMAIL,
        captcha: 'K7PQM',
      }),
      'invalid_captcha',
    )
    expect(error).toMatchObject({ statusCode: 400, description: 'Invalid captcha value' })
  })
})

describe('renderPasswordlessCaptcha()', () => {
  test("takes any of the page's elements, though its type names no DOM type", () => {
    expectTypeOf<HTMLElement>().toExtend<CaptchaElement>()
    expectTypeOf<HTMLDivElement>().toExtend<CaptchaElement>()
  })

  test('refuses what is not an element before any request, naming it', async () => {
    const server = fakeServer()
    const { webAuth } = makeWebAuth(server)
    const notElement = await rejectsWith(webAuth.renderPasswordlessCaptcha({} as never), 'invalid_input')
    expect(notElement.field).toBe('element')
    expect(server.requests).toEqual([])
  })
})
