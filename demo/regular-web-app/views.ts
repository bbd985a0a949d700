/** The confidential app's pages, rendered on the server. Forms work without any script. */
import { html } from '../shared/html'
import type { SafeHtml } from '../shared/html'
import type { Profile, Session } from './sessions'

export interface PageContext {
  session: Session
  emulatorOrigin: string
}

export function layout(context: PageContext, title: string, body: SafeHtml): string {
  const flash = context.session.flash
  delete context.session.flash
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="emulator-origin" content="${context.emulatorOrigin}" />
        <title>${title} · Confidential app demo</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/style.css" />
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/vendor/passwordless-webauth.umd.min.js" defer></script>
        <script src="/static/browser-demo.js" defer></script>
      </head>
      <body>
        <p class="banner" role="note">
          Demo regular web app (confidential client <code>regular-web-demo</code>) for
          <strong>passwordless-webauth</strong>, against the local Auth0 emulator.
        </p>
        <main>
          <h1>${title}</h1>
          <p id="status" class="status" role="status" aria-live="polite">
            ${flash?.kind === 'status' ? flash.text : ''}
          </p>
          <p id="alert" class="alert" role="alert">${flash?.kind === 'alert' ? flash.text : ''}</p>
          ${body}
        </main>
        <footer>
          <p>
            Codes go to the emulator's
            <a href="${context.emulatorOrigin}/__emulator/outbox.html" target="_blank" rel="noopener"
              >outbox</a
            >
            (opens in a new tab). Nothing is really sent.
          </p>
        </footer>
      </body>
    </html>`.html
}

export const csrfField = (session: Session) =>
  html`<input type="hidden" name="csrf" value="${session.csrf}" />`

export function homePage(context: PageContext): string {
  const { session } = context
  return layout(
    context,
    'Sign in to the confidential app',
    html`<section aria-labelledby="server-heading">
        <h2 id="server-heading">Get a code, sent by our server</h2>
        <p>
          This app's backend calls <code>/passwordless/start</code> with its client secret and your address in
          <code>auth0-forwarded-for</code>, then checks your code with the passwordless OTP grant.
        </p>
        <form method="post" action="/start">
          ${csrfField(session)}
          <fieldset>
            <legend>Send the code by</legend>
            <label class="choice"><input type="radio" name="connection" value="email" checked /> email</label>
            <label class="choice"
              ><input type="radio" name="connection" value="sms" /> text message (SMS)</label
            >
          </fieldset>
          <div class="field">
            <label for="identity">Email address or phone number</label>
            <input
              id="identity"
              name="identity"
              type="text"
              autocomplete="username"
              spellcheck="false"
              aria-describedby="identity-hint"
              required
            />
            <p id="identity-hint" class="hint">Phone numbers in international format: +15555550123.</p>
          </div>
          <button type="submit">Send code</button>
        </form>
        <p><a id="hosted-login" href="/login/hosted">Or sign in with the tenant's hosted login page</a></p>
      </section>

      <section aria-labelledby="browser-heading" class="browser-demo">
        <h2 id="browser-heading">Why the secret stays on the server</h2>
        <p>
          These buttons run the browser SDK on this page. A browser cannot keep a secret, so the SDK refuses
          one, and the tenant refuses this app's unauthenticated calls while "Enforce client authentication
          for passwordless connections" is on.
        </p>
        <!-- The two forms below are driven by browser-demo.js; their buttons wait for it (a native submit
             would put what was typed in the URL). -->
        <form id="secret-form" novalidate>
          <div class="field">
            <label for="browser-secret">A client secret someone wants to put in the browser</label>
            <input id="browser-secret" type="text" autocomplete="off" spellcheck="false" />
          </div>
          <button type="submit" disabled>Give it to the browser SDK</button>
        </form>
        <form id="browser-start-form" novalidate>
          <div class="field">
            <label for="browser-email">Email address</label>
            <input id="browser-email" type="email" autocomplete="email" spellcheck="false" />
          </div>
          <button type="submit" disabled>Call /passwordless/start from the browser, without a secret</button>
        </form>
        <p id="browser-result" class="result" role="status" aria-live="polite"></p>
      </section>`,
  )
}

export function verifyPage(context: PageContext): string {
  const { session } = context
  const pending = session.pending
  return layout(
    context,
    'Enter your code',
    html`<p>We sent a code to <strong>${pending?.identity ?? ''}</strong>.</p>
      <form method="post" action="/verify">
        ${csrfField(session)}
        <div class="field">
          <label for="code">Code</label>
          <input
            id="code"
            name="code"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength="10"
            required
            autofocus
          />
        </div>
        <button type="submit">Sign in</button>
      </form>
      <div class="secondary">
        <form method="post" action="/resend">
          ${csrfField(session)}
          <button type="submit">Send a new code</button>
        </form>
        <a href="/">Use another address or number</a>
      </div>`,
  )
}

export function profilePage(context: PageContext, profile: Profile): string {
  const rows: Array<[string, string | undefined]> = [
    ['Email', profile.email],
    ['Phone number', profile.phoneNumber],
    ['Verified', profile.verified ? 'yes' : 'no'],
    ['User id', profile.sub],
    ['Issuer', profile.issuer],
    ['Signed in with', profile.method],
    ['Session ends', new Date(profile.expiresAt * 1000).toLocaleString('en')],
  ]
  return layout(
    context,
    'You are signed in',
    html`<p>From the ID token our server verified:</p>
      <dl id="profile">
        ${rows
          .filter((row): row is [string, string] => row[1] !== undefined)
          .map(
            ([term, value]) =>
              html`<dt>${term}</dt>
                <dd>${value}</dd>`,
          )}
      </dl>
      <form method="post" action="/logout">
        ${csrfField(context.session)}
        <button type="submit">Log out</button>
      </form>`,
  )
}

export function errorPage(context: PageContext, title: string, text: string): string {
  return layout(
    context,
    title,
    html`<p>${text}</p>
      <p><a href="/">Back to the start</a></p>`,
  )
}
