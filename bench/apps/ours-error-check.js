/* global document, window */
// A consumer app that uses nothing of the SDK but its error check (say, in a global handler): what the
// package costs an app for one import. Every bundler should leave out everything else, zod and ky included.
import { isWebAuthError } from 'passwordless-webauth'

window.addEventListener('unhandledrejection', (event) => {
  if (isWebAuthError(event.reason)) document.body.dataset.state = event.reason.code
})
