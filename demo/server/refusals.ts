/**
 * Where every refusal is answered (app.ts's `onError` and `notFound`). API routes answer Auth0's JSON error
 * body, `{ error, error_description, ...extras }`, with the problem's headers. The two browser routes
 * (`/authorize`, `/passwordless/verify_redirect`) answer a person instead: with an error page while the app's
 * callback is not known to be registered (E10: never redirect anywhere else), then with a redirect that brings
 * `error` and `error_description` back to the app, as OAuth asks. Such a route says which with
 * `refuseWithPages` and, once it knows where the login goes back to, `refuseByRedirect`.
 */
import { errorRedirect } from './authorization'
import type { AuthorizeParams } from './authorization'
import { errorPage } from './html'
import type { AppContext } from './http'
import type { Problem } from './problem'

/** How a browser route shows a refusal; API routes set none and answer JSON. */
export type RefusalView = { as: 'page' } | { as: 'redirect'; to: AuthorizeParams }

/** From here on, this request's refusals are error pages. */
export function refuseWithPages(c: AppContext): void {
  c.set('refusalView', { as: 'page' })
}

/** From here on, this request's refusals go back to the app's registered callback `to`. */
export function refuseByRedirect(c: AppContext, to: AuthorizeParams): void {
  c.set('refusalView', { as: 'redirect', to })
}

/** The answer to a refusal, in the way the route asked for. */
export function answerRefusal(c: AppContext, problem: Problem): Response {
  const view = c.get('refusalView')
  // The app reads only the redirect's query or fragment; headers meant for API clients (Retry-After) stay off.
  if (view?.as === 'redirect') return c.redirect(errorRedirect(view.to, problem), 302)
  if (view?.as === 'page') {
    setHeaders(c, problem)
    return errorPage(c, problem.status, problem.error, problem.description)
  }
  return answerJson(c, problem)
}

/** Auth0's JSON error body with the problem's headers, whatever the route. */
export function answerJson(c: AppContext, problem: Problem): Response {
  setHeaders(c, problem)
  return c.json(
    { error: problem.error, error_description: problem.description, ...problem.extras },
    problem.status,
  )
}

function setHeaders(c: AppContext, problem: Problem): void {
  for (const [name, value] of Object.entries(problem.headers)) c.header(name, value)
}
