/**
 * The SDK's errors in plain words. Codes are for programs: a person needs to know what happened and what to
 * do next, so the raw code is never shown. The SDK says which option was refused (`field`) and why a code was
 * refused (`reason`), so nothing here reads its messages. A refused code stays vague on purpose (which part was
 * wrong is not said), except where asking for a new code or waiting is the way out.
 */

/** "1 minute 12 seconds", "45 seconds". */
export function formatDuration(totalSeconds) {
  const seconds = Math.max(0, Math.ceil(totalSeconds))
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  const parts = []
  if (minutes > 0) parts.push(`${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`)
  if (rest > 0 || minutes === 0) parts.push(`${rest} ${rest === 1 ? 'second' : 'seconds'}`)
  return parts.join(' ')
}

/** Seconds to wait after a 429, when the server said; `undefined` otherwise. */
export function retryAfterOf(error) {
  const value = error !== null && typeof error === 'object' ? error.retryAfter : undefined
  return typeof value === 'number' && value > 0 ? value : undefined
}

/** Where a refused input was wrong: the SDK names the option in `field`; the server, in its code. */
function describeInput(error) {
  if (error.field === 'email' || error.code === 'bad.email') return 'Please enter a valid email address.'
  if (error.field === 'phoneNumber' || error.code === 'bad.phone_number') {
    return 'Please enter the phone number in international format, with + and the country code, for example +15555550123.'
  }
  if (error.field === 'verificationCode') return 'Please enter the code from the message: digits only.'
  return 'Please check what you entered.'
}

/**
 * A refused code, from the SDK's `reason` (its message is the same for every refusal, on purpose);
 * `undefined` for any other failure.
 */
function describeRefusal(error) {
  switch (error.reason) {
    case 'wrong_code':
      return 'That code is not right. Please check it and try again.'
    case 'expired_code':
      return 'This code has expired. Please ask for a new one.'
    case 'too_many_attempts':
      return 'Too many wrong attempts with this code. Please ask for a new one.'
    case 'blocked': {
      const wait = retryAfterOf(error)
      return `Too many wrong codes for this address. Please wait ${wait === undefined ? 'a while' : formatDuration(wait)} before trying again.`
    }
  }
  return undefined
}

/**
 * What went wrong, in a sentence. `step` says what the person was doing: `send` (asking for a code or a link)
 * or `verify` (typing the code).
 */
export function describeError(error, step) {
  const isObject = error !== null && typeof error === 'object'
  const refusal = isObject ? describeRefusal(error) : undefined
  if (refusal) return refusal
  const code = isObject && typeof error.code === 'string' ? error.code : ''
  switch (code) {
    case 'too_many_requests': {
      const wait = retryAfterOf(error)
      return wait === undefined
        ? 'Too many requests. Please wait a while before trying again.'
        : `Too many requests. Please wait ${formatDuration(wait)} before trying again.`
    }
    case 'network_error':
      return 'We could not reach the sign-in service. Check your internet connection and try again.'
    case 'timeout':
      return 'The sign-in service took too long to answer. Please try again.'
    case 'invalid_input':
    case 'bad.email':
    case 'bad.phone_number':
      return describeInput(error)
    case 'unauthorized_client':
      return 'This application is not allowed to sign you in from here, or this sign-in page has expired. Please go back to the application and start again.'
    case 'bad.connection':
      return 'This way of signing in is not available for this application. Please choose another one.'
    case 'invalid_captcha':
      return 'The answer to the challenge was not right. Please try the new one.'
    case 'client_secret_in_browser':
      return 'This page is misconfigured: it must not hold a client secret.'
  }
  if (code === 'server_error' || (typeof error?.statusCode === 'number' && error.statusCode >= 500)) {
    return 'The sign-in service is having trouble right now. Please try again in a moment.'
  }
  if (code === 'invalid_response') {
    return 'The sign-in service sent an answer we could not understand. Please try again in a moment.'
  }
  return step === 'send'
    ? 'We could not send the message. Please try again.'
    : 'We could not sign you in. Please try again.'
}
