/**
 * The SDK's errors in plain words. Codes are for programs: a person needs to know what happened and what to
 * do next, so the raw code is never shown. A refused code stays vague on purpose (which part was wrong is not
 * said), except for expiry and the attempt limit, where asking for a new code is the way out.
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

const REFUSED_CODE = new Set(['invalid_user_password', 'access_denied', 'invalid_grant'])

/** The server's own answer to a refused code: the SDK keeps it as `cause` behind a deliberately vague message. */
function serverDescription(error) {
  const cause = error.cause
  return cause !== null && typeof cause === 'object' && typeof cause.description === 'string'
    ? cause.description
    : ''
}

function describeInput(error) {
  const description = typeof error.description === 'string' ? error.description : ''
  if (error.code === 'bad.email' || description.includes('"email"'))
    return 'Please enter a valid email address.'
  if (error.code === 'bad.phone_number' || description.includes('"phoneNumber"')) {
    return 'Please enter the phone number in international format, with + and the country code, for example +15555550123.'
  }
  if (description.includes('"verificationCode"'))
    return 'Please enter the code from the message: digits only.'
  return 'Please check what you entered.'
}

/**
 * What went wrong, in a sentence. `step` says what the person was doing: `send` (asking for a code or a link)
 * or `verify` (typing the code).
 */
export function describeError(error, step) {
  const code = error !== null && typeof error === 'object' && typeof error.code === 'string' ? error.code : ''
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
    case 'client_secret_in_browser':
      return 'This page is misconfigured: it must not hold a client secret.'
  }
  if (REFUSED_CODE.has(code)) {
    const server = serverDescription(error)
    if (/expired/i.test(server)) return 'This code has expired. Please ask for a new one.'
    if (/maximum number of attempts/i.test(server)) {
      return 'Too many wrong attempts with this code. Please ask for a new one.'
    }
    if (/signup is disabled/i.test(server)) return 'There is no account for this address or number.'
    return 'That code is not right. Please check it and try again.'
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
