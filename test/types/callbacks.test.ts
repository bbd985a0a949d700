/**
 * The callback forms, as types: every method of WebAuth returns a Promise without a callback and nothing
 * with one; the function-per-method API returns Promises only. Checked by `npm run typecheck`.
 */
import { describe, expectTypeOf, test } from 'vitest'
import {
  handleRedirectCallback,
  type NodeCallback,
  type PasswordlessClient,
  type RedirectResult,
  type WebAuth,
} from '../../src/index'

// Never called: the calls are there for their types.
function redirectForms(webAuth: WebAuth, callback: NodeCallback<RedirectResult>) {
  expectTypeOf(webAuth.handleRedirectCallback()).toEqualTypeOf<Promise<RedirectResult>>()
  expectTypeOf(webAuth.handleRedirectCallback('https://app.example.com/cb', {})).toEqualTypeOf<
    Promise<RedirectResult>
  >()
  expectTypeOf(webAuth.handleRedirectCallback(callback)).toEqualTypeOf<void>()
  expectTypeOf(webAuth.handleRedirectCallback('https://app.example.com/cb', callback)).toEqualTypeOf<void>()
  expectTypeOf(webAuth.handleRedirectCallback(undefined, { state: 's' }, callback)).toEqualTypeOf<void>()
  // @ts-expect-error a callback must be last: options do not follow it
  webAuth.handleRedirectCallback(callback, {})
  // @ts-expect-error the callback receives a RedirectResult
  webAuth.handleRedirectCallback((_error: null, result?: string) => result)
}

function functionForms(client: PasswordlessClient, callback: NodeCallback<RedirectResult>) {
  // @ts-expect-error the functions return Promises and take no callback
  void handleRedirectCallback(client, undefined, {}, callback)
}

describe('callback forms (types)', () => {
  test('handleRedirectCallback returns a Promise, or nothing when given a callback', () => {
    expectTypeOf(redirectForms).toBeFunction()
  })

  test('the function form returns a Promise only and takes no callback', () => {
    expectTypeOf(handleRedirectCallback).returns.toEqualTypeOf<Promise<RedirectResult>>()
    expectTypeOf(functionForms).toBeFunction()
  })
})
