/**
 * The confidential app's sign-in actions: the forms it posts (send a code, resend, check it, log out) and the
 * tenant's redirect back after the hosted login page. Every change of who is signed in rotates the session
 * (sessions.ts), so a session id known before it (planted by a page on another port, say) is dead after it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { JWTPayload } from 'jose'
import { emulatorOrigin, personAddress, readForm, redirect, sendHtml } from './http'
import { describeTenantError } from './messages'
import { constantTimeEqual } from '../shared/constant-time'
import { endSession, rotateSession } from './sessions'
import type { Profile, Session } from './sessions'
import type { Connection, TenantClient } from './tenant-client'
import { errorPage } from './views'

const HOST = '127.0.0.1'

export interface RegularWebAppOptions {
  /** The tenant, with this app's client secret. */
  tenant: TenantClient
  /** The port this app is served on, for its callback URL. */
  port: number
}

export const pageContext = (session: Session) => ({ session, emulatorOrigin })

function toProfile(claims: JWTPayload, method: string): Profile {
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
  await app.tenant.startPasswordless(pending.connection, pending.identity, personAddress(request))
  session.pending = pending
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
      const connection: Connection = form.get('connection') === 'sms' ? 'sms' : 'email'
      const identity = (form.get('identity') ?? '').trim()
      try {
        await sendCode(app, session, { connection, identity }, request)
        session.flash = { kind: 'status', text: 'Code sent.' }
        return redirect(response, '/verify')
      } catch (error) {
        session.flash = { kind: 'alert', text: describeTenantError(error) }
        return redirect(response, '/')
      }
    }
    case '/resend': {
      if (session.pending === undefined) return redirect(response, '/')
      try {
        await sendCode(app, session, session.pending, request)
        session.flash = { kind: 'status', text: 'A new code is on its way.' }
      } catch (error) {
        session.flash = { kind: 'alert', text: describeTenantError(error) }
      }
      return redirect(response, '/verify')
    }
    case '/verify': {
      const pending = session.pending
      if (pending === undefined) return redirect(response, '/')
      try {
        const claims = await app.tenant.loginWithOtp(
          pending.connection,
          pending.identity,
          (form.get('code') ?? '').trim(),
        )
        const signedIn = rotateSession(session, response)
        delete signedIn.pending
        signedIn.profile = toProfile(
          claims,
          `a code by ${pending.connection === 'sms' ? 'SMS' : 'email'}, checked by our server`,
        )
        return redirect(response, '/')
      } catch (error) {
        session.flash = { kind: 'alert', text: describeTenantError(error) }
        return redirect(response, '/verify')
      }
    }
    case '/logout':
      endSession(session, response)
      return redirect(response, '/')
  }
  return sendHtml(response, 404, errorPage(pageContext(session), 'Not found', 'There is no such page.'))
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
    const claims = await app.tenant.exchangeCode(code, callbackUrl(request, app.port), expected.nonce)
    rotateSession(session, response).profile = toProfile(claims, "the tenant's hosted login page")
    return redirect(response, '/')
  } catch (cause) {
    return sendHtml(
      response,
      502,
      errorPage(pageContext(session), 'Sign-in failed', describeTenantError(cause)),
    )
  }
}
