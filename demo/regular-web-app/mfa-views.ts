/** The page of a login's second step: one form per factor the person enrolled. Forms work without any script. */
import { html } from '../shared/html'
import type { Factor, SecondStep } from './sessions'
import { csrfField, layout } from './views'
import type { PageContext } from './views'

function factorForm(context: PageContext, step: SecondStep, factor: Factor) {
  const csrf = csrfField(context.session)
  const codeField = (id: string, label: string, isDigits: boolean) =>
    html`<div class="field">
      <label for="${id}">${label}</label>
      ${
        isDigits
          ? html`<input
              id="${id}"
              name="code"
              inputmode="numeric"
              autocomplete="one-time-code"
              maxlength="10"
              required
            />`
          : html`<input
              id="${id}"
              name="code"
              autocomplete="off"
              spellcheck="false"
              maxlength="80"
              required
            />`
      }
    </div>`
  switch (factor.kind) {
    case 'otp':
      return html`<form method="post" action="/mfa/verify">
        ${csrf}<input type="hidden" name="factor" value="otp" />
        ${codeField('otp-code', 'Code from your authenticator app', true)}
        <button type="submit">Verify app code</button>
      </form>`
    case 'sms':
      return step.oobCode === undefined
        ? html`<form method="post" action="/mfa/sms">
            ${csrf}
            <p>Or get a code by text message to <strong>${factor.name ?? 'your phone'}</strong>.</p>
            <button type="submit">Text me a code</button>
          </form>`
        : html`<form method="post" action="/mfa/verify">
              ${csrf}<input type="hidden" name="factor" value="sms" />
              ${codeField('sms-code', 'Code from the text message', true)}
              <button type="submit">Verify texted code</button>
            </form>
            <form method="post" action="/mfa/sms" class="secondary">
              ${csrf}<button type="submit">Text me a new code</button>
            </form>`
    case 'recovery':
      return html`<details>
        <summary>Lost your phone? Use your recovery code</summary>
        <form method="post" action="/mfa/verify">
          ${csrf}<input type="hidden" name="factor" value="recovery" />
          ${codeField('recovery-code', 'Recovery code', false)}
          <button type="submit">Use recovery code</button>
        </form>
      </details>`
  }
}

export function secondStepPage(context: PageContext, step: SecondStep): string {
  return layout(
    context,
    'Confirm it is you',
    html`<p>Your code was right. This account also asks for a second step.</p>
      ${step.factors.map((factor) => factorForm(context, step, factor))}
      <p><a href="/">Cancel and start again</a></p>`,
  )
}
