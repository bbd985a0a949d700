/**
 * The confidential app's sign-in actions: the forms it posts (send a code, resend, check it, log out) and the
 * tenant's redirect back after the hosted login page. Every change of who is signed in rotates the session
 * (sessions.ts), so a session id known before it (planted by a page on another port, say) is dead after it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isMfaRequired } from '../../src/server/index'
import type { IdTokenPayload, ServerTokens } from '../../src/server/index'
import { emulatorOrigin, personAddress, readForm, redirect, sendHtml } from './http'
import { describeError } from './messages'
import { FACTOR_WORDS, beginSecondStep, isSecondStepOver, sendSmsCode, verifySecondFactor } from './mfa-step'
import { constantTimeEqual } from '../shared/constant-time'
import { endSession, rotateSession } from './sessions'
import type { Factor, Profile, Session } from './sessions'
import { SCOPE } from './tenant'
import type { Tenant } from './tenant'
import { errorPage } from './views'

const HOST = '127.0.0.1'

export interface RegularWebAppOptions {
  /** The tenant, through the server entry's client with this app's client secret. */
  tenant: Tenant
  /** The port this app is served on, for its callback URL. */
  port: number
}

export const pageContext = (session: Session) => ({ session, emulatorOrigin })

function toProfile(tokens: ServerTokens, method: string): Profile {
  // Every login here asks for `openid`, so the server entry has verified an ID token; its claims are read.
  const claims: Partial<IdTokenPayload> = tokens.idTokenPayload ?? {}
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : undefined)
  const email = text('email')
  const phoneNumber = text('phone_number')
  return {
    sub: claims.sub ?? '',
    ...(email === undefined ? {} : { email }),
    ...(phoneNumber === undefined ? {} : { phoneNumber }),
    verified: claims['email_verified'] === true || claims['phone_verified'] === true,
    issuer: claims.iss ?? '',
    expiresAt: claims.exp ?? 0,
    method,
  }
}

export function callbackUrl(request: IncomingMessage, port: number): string {
  // Both loopback names are registered callbacks; stay on the one the person used.
  const host = request.headers.host === `localhost:${port}` ? `localhost:${port}` : `${HOST}:${port}`
  return `http://${host}/callback`
}

async function sendCode(
  app: RegularWebAppOptions,
  session: Session,
  pending: NonNullable<Session['pending']>,
  request: IncomingMessage,
) {
  const forwardedFor = personAddress(request)
  const { client } = app.tenant
  await (pending.connection === 'sms'
    ? client.passwordlessStart({
        connection: 'sms',
        send: 'code',
        phoneNumber: pending.identity,
        forwardedFor,
      })
    : client.passwordlessStart({ connection: 'email', send: 'code', email: pending.identity, forwardedFor }))
  session.pending = pending
}

/** Checks the code of the first step; `mfa_required` moves the login on to its second step. */
async function checkCode(
  app: RegularWebAppOptions,
  session: Session,
  code: string,
  request: IncomingMessage,
) {
  const pending = session.pending as NonNullable<Session['pending']>
  const forwardedFor = personAddress(request)
  const common = { code, scope: SCOPE, forwardedFor }
  const { client } = app.tenant
  const firstFactor = `a code by ${pending.connection === 'sms' ? 'SMS' : 'email'}, checked by our server`
  try {
    const tokens = await (pending.connection === 'sms'
      ? client.loginWithOtp({ connection: 'sms', phoneNumber: pending.identity, ...common })
      : client.loginWithOtp({ connection: 'email', email: pending.identity, ...common }))
    return { tokens, method: firstFactor }
  } catch (error) {
    if (!isMfaRequired(error)) throw error
    await beginSecondStep(app.tenant, session, error, firstFactor)
    return undefined
  }
}

/** The signed-in session after either step: a new id, the profile from the verified ID token. */
function signIn(session: Session, response: ServerResponse, tokens: ServerTokens, method: string): Session {
  const signedIn = rotateSession(session, response)
  delete signedIn.pending
  signedIn.profile = toProfile(tokens, method)
  return signedIn
}

export async function handlePost(
  app: RegularWebAppOptions,
  request: IncomingMessage,
  response: ServerResponse,
  session: Session,
  path: string,
) {
  const form = await readForm(request)
  if (!constantTimeEqual(session.csrf, form.get('csrf') ?? '')) {
    return sendHtml(
      response,
      403,
      errorPage(pageContext(session), 'Form expired', 'Please reload the page and try again.'),
    )
  }
  switch (path) {
    case '/start': {
      const connection: 'email' | 'sms' = form.get('connection') === 'sms' ? 'sms' : 'email'
      const identity = (form.get('identity') ?? '').trim()
      try {
        await sendCode(app, session, { connection, identity }, request)
        session.flash = { kind: 'status', text: 'Code sent.' }
        return redirect(response, '/verify')
      } catch (error) {
        session.flash = { kind: 'alert', text: describeError(error) }
        return redirect(response, '/')
      }
    }
    case '/resend': {
      if (session.pending === undefined) return redirect(response, '/')
      try {
        await sendCode(app, session, session.pending, request)
        session.flash = { kind: 'status', text: 'A new code is on its way.' }
      } catch (error) {
        session.flash = { kind: 'alert', text: describeError(error) }
      }
      return redirect(response, '/verify')
    }
    case '/verify': {
      const pending = session.pending
      if (pending === undefined) return redirect(response, '/')
      try {
        const done = await checkCode(app, session, (form.get('code') ?? '').trim(), request)
        if (done === undefined) return redirect(response, '/mfa')
        signIn(session, response, done.tokens, done.method)
        return redirect(response, '/')
      } catch (error) {
        session.flash = { kind: 'alert', text: describeError(error) }
        return redirect(response, '/verify')
      }
    }
    case '/mfa/sms':
    case '/mfa/verify':
      return handleSecondStep(app, request, response, session, path, form)
    case '/logout':
      endSession(session, response)
      return redirect(response, '/')
  }
  return sendHtml(response, 404, errorPage(pageContext(session), 'Not found', 'There is no such page.'))
}

async function handleSecondStep(
  app: RegularWebAppOptions,
  request: IncomingMessage,
  response: ServerResponse,
  session: Session,
  path: string,
  form: URLSearchParams,
) {
  const step = session.mfa
  if (step === undefined) return redirect(response, '/')
  try {
    if (path === '/mfa/sms') {
      await sendSmsCode(app.tenant, step)
      session.flash = { kind: 'status', text: 'We texted you a code.' }
      return redirect(response, '/mfa')
    }
    const factor = form.get('factor') as Factor['kind']
    if (!step.factors.some((offered) => offered.kind === factor)) return redirect(response, '/mfa')
    const code = (form.get('code') ?? '').trim()
    const tokens = await verifySecondFactor(app.tenant, step, factor, code, personAddress(request))
    const signedIn = signIn(session, response, tokens, `${step.firstFactor}, then ${FACTOR_WORDS[factor]}`)
    if (tokens.recoveryCode !== undefined) {
      signedIn.flash = {
        kind: 'status',
        text: `Your old recovery code no longer works. Your new one is ${tokens.recoveryCode}: write it down, it is shown only now.`,
      }
    }
    return redirect(response, '/')
  } catch (error) {
    if (isSecondStepOver(error)) {
      delete session.mfa
      delete session.pending
      session.flash = { kind: 'alert', text: describeError(error) }
      return redirect(response, '/')
    }
    session.flash = { kind: 'alert', text: describeError(error) }
    return redirect(response, '/mfa')
  }
}

export async function handleCallback(
  app: RegularWebAppOptions,
  request: IncomingMessage,
  response: ServerResponse,
  session: Session,
  query: URLSearchParams,
) {
  const expected = session.authorize
  delete session.authorize
  if (expected === undefined || !constantTimeEqual(expected.state, query.get('state') ?? '')) {
    return sendHtml(
      response,
      400,
      errorPage(
        pageContext(session),
        'Sign-in refused',
        'This sign-in was not started in this browser, or it was already used.',
      ),
    )
  }
  const error = query.get('error')
  const code = query.get('code')
  if (error !== null || code === null) {
    const text = /expired/i.test(query.get('error_description') ?? '')
      ? 'The code expired. Please start again.'
      : 'The sign-in was refused. Please start again.'
    return sendHtml(response, 400, errorPage(pageContext(session), 'Sign-in refused', text))
  }
  try {
    const tokens = await app.tenant.client.exchangeCode({
      code,
      redirectUri: callbackUrl(request, app.port),
      nonce: expected.nonce,
    })
    signIn(session, response, tokens, "the tenant's hosted login page")
    return redirect(response, '/')
  } catch (cause) {
    return sendHtml(response, 502, errorPage(pageContext(session), 'Sign-in failed', describeError(cause)))
  }
}
