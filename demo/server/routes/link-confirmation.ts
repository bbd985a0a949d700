/**
 * E11: the page an emailed link opens. Mail scanners and link previews open links but do not press buttons,
 * so the link is used only when the person presses this page's button, which POSTs the same parameters to
 * `/passwordless/verify_redirect`.
 */
import { html } from '../../shared/html'
import { page } from '../html'
import type { AppContext, Params } from '../http'
import type { IdentityRequest } from '../start-validation'

/** The confirmation page of a link for `request`, whose login ends at `redirectUri`. */
export function confirmationPage(
  c: AppContext,
  request: IdentityRequest,
  params: Params,
  redirectUri: string,
): Response {
  const fields = Object.entries(params)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)
  return page(c, {
    title: 'Confirm sign-in',
    formActions: [new URL(redirectUri).origin],
    body: html`<p>You opened a one-time sign-in link for <strong>${request.identity}</strong>.</p>
      <p>
        Press the button to finish signing in to ${request.client.name}. The link stops working once you do.
      </p>
      <form method="post" action="/passwordless/verify_redirect">
        ${fields}
        <button type="submit">Sign in</button>
      </form>`,
  })
}
