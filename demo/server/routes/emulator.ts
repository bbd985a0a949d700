/**
 * `/__emulator/*`: control and inspection routes that exist only in the emulator (E14): the outbox (JSON and
 * a page), tenant logs, settings, reset and clock. Every answer says it comes from the emulator. Changes are
 * refused from other browser origins so that a web page cannot reconfigure a developer's emulator.
 */
import type { Hono, MiddlewareHandler } from 'hono'
import { resetContext } from '../context'
import type { EmulatorContext } from '../context'
import { html } from '../../shared/html'
import { mfaAids } from '../mfa/aids'
import { page } from '../html'
import { readParams } from '../http'
import type { AppEnv } from '../http'
import { Problem, assert } from '../problem'
import { settingsPatchSchema } from '../tenant'

export const EMULATOR_NOTICE = 'Emulator only: this route does not exist on a real Auth0 tenant.'

export function registerEmulatorRoutes(app: Hono<AppEnv>, context: EmulatorContext): void {
  app.use('/__emulator/*', sameOriginWrites(context))

  app.get('/__emulator', (c) => indexPage(c, context))
  app.get('/__emulator/', (c) => indexPage(c, context))

  app.get('/__emulator/outbox', (c) =>
    c.json({ notice: EMULATOR_NOTICE, messages: context.outbox.list(c.req.query('to')) }),
  )
  app.delete('/__emulator/outbox', (c) => {
    context.outbox.clear()
    return c.body(null, 204)
  })
  app.get('/__emulator/outbox.html', (c) => {
    const messages = context.outbox.list(c.req.query('to'))
    const items = messages.map(
      (message) =>
        html`<li class="message">
          <p class="meta">
            ${message.sentAt} · ${message.channel} to <strong>${message.to}</strong> · ${message.clientId}
          </p>
          ${
            message.link === undefined
              ? html`<p>Code: <code class="code">${message.code}</code></p>`
              : html`<p>
                  <a href="${message.link}">Open the sign-in link</a> (code <code>${message.code}</code>)
                </p>`
          }
        </li>`,
    )
    // A meta refresh keeps the page current without any script.
    c.header('Refresh', '5')
    return page(c, {
      title: 'Outbox',
      body: html`<p>
          Messages the emulator would have sent, newest first. This page refreshes every 5 seconds.
        </p>
        ${
          messages.length === 0
            ? html`<p>No messages yet.</p>`
            : html`<ol class="outbox">
                ${items}
              </ol>`
        }
        ${authenticatorAid(context)}`,
    })
  })

  app.get('/__emulator/logs', (c) =>
    c.json({ notice: EMULATOR_NOTICE, logs: context.logs.search(c.req.query('q')) }),
  )

  app.get('/__emulator/users', (c) => c.json({ notice: EMULATOR_NOTICE, users: context.users.list() }))

  app.get('/__emulator/settings', (c) => c.json({ notice: EMULATOR_NOTICE, settings: context.settings }))
  app.patch('/__emulator/settings', async (c) => {
    const parsed = settingsPatchSchema.safeParse(await readParams(c))
    if (!parsed.success) {
      const description = parsed.error.issues
        .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
        .join('; ')
      throw new Problem(400, 'invalid_settings', description)
    }
    for (const [name, value] of Object.entries(parsed.data)) {
      if (value !== undefined) Object.assign(context.settings, { [name]: value })
    }
    return c.json({ notice: EMULATOR_NOTICE, settings: context.settings })
  })

  app.post('/__emulator/reset', (c) => {
    resetContext(context)
    return c.body(null, 204)
  })

  app.post('/__emulator/clock', async (c) => {
    const body = await readParams(c)
    const seconds = body?.['advanceSeconds']
    assert(
      typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0,
      400,
      'invalid_request',
      'advanceSeconds must be a number of seconds, 0 or more',
    )
    context.advanceClock(seconds * 1000)
    return c.json({ notice: EMULATOR_NOTICE, now: new Date(context.now()).toISOString() })
  })
}

/**
 * Browsers send `Origin` with every cross-origin POST, PATCH and DELETE; refusing foreign ones stops a
 * visited web page from changing settings or emptying the outbox. curl and in-process tests send none.
 */
function sameOriginWrites(context: EmulatorContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin')
    const writes = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)
    assert(
      !writes || origin === undefined || origin === context.issuer,
      403,
      'forbidden_origin',
      `${EMULATOR_NOTICE} Changes are refused from ${origin}.`,
    )
    return next()
  }
}

/**
 * Emulator aid: the code each demo user's authenticator app shows now, and the recovery code they hold, so
 * that a second factor can be passed without a phone. Marked as the emulator's own on the page.
 */
function authenticatorAid(context: EmulatorContext) {
  const aids = mfaAids(context)
  if (aids.length === 0) return ''
  const rows = aids.map(
    (aid) =>
      html`<li class="authenticator">
        <strong>${aid.identity}</strong>
        ${aid.totp ? html` · app code <code class="totp">${aid.totp.code}</code> (${aid.totp.secondsLeft} s left)` : ''}
        ${aid.recoveryCode ? html` · recovery code <code class="recovery">${aid.recoveryCode}</code>` : ''}
      </li>`,
  )
  return html`<h2>Authenticator apps</h2>
    <p class="notice">
      Emulator aid: a real tenant never shows these. They stand in for the demo users' phones (RFC 6238 codes
      from the secrets in tenant.json).
    </p>
    <ul class="authenticators">
      ${rows}
    </ul>`
}

function indexPage(c: Parameters<typeof page>[0], context: EmulatorContext): Response {
  const links = [
    ['/__emulator/outbox.html', 'Outbox (page)'],
    ['/__emulator/outbox', 'Outbox (JSON)'],
    ['/__emulator/mfa', 'Authenticator app codes of demo users (JSON)'],
    ['/__emulator/logs?q=type:depnote', 'Tenant logs (JSON, ?q= to search)'],
    ['/__emulator/settings', 'Settings (JSON; PATCH to change)'],
    ['/.well-known/openid-configuration', 'OpenID configuration'],
    ['/.well-known/jwks.json', 'JWKS'],
  ]
  return page(c, {
    title: `Auth0 emulator: ${context.tenant.friendlyName}`,
    body: html`<p>${EMULATOR_NOTICE.replace('this route does', 'these routes do')}</p>
      <ul>
        ${links.map(([href, label]) => html`<li><a href="${href ?? ''}">${label ?? ''}</a></li>`)}
      </ul>`,
  })
}
