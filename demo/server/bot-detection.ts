/**
 * Bot detection for passwordless flows (E28-E31), as Auth0's "Enforce CAPTCHA for passwordless flows" setting
 * describes it: `never`, `risky` or `always`. It holds the starts of a login transaction, that is the hosted
 * login page's: `/passwordless/challenge` needs the page's `state`, so a start from an app or a backend can
 * never be asked for an answer, and rate limits alone hold those (as on Auth0, where bot detection is only
 * supported for login pages hosted by Auth0).
 *
 * - `risky`: from the start after `botDetectionRiskyAfter` starts from one IP address in the past hour, a
 *   documented stand-in for Auth0's risk assessment (which weighs far more than a count).
 * - Provider `auth0`: an image of characters the emulator draws (captcha-image.ts); its answer is kept for the
 *   transaction, checked once, and a new image is drawn for every challenge asked.
 * - Provider `stand-in`: the emulator's offline stand-in for the third-party widgets (Auth0's Auth Challenge,
 *   reCAPTCHA, hCaptcha, ...): its script draws a checkbox that fetches a token from the emulator; a token is
 *   good once, for five minutes.
 */
import { setNewest } from './bounded-map'
import { captchaImageUrl, newCaptchaAnswer } from './captcha-image'
import type { EmulatorContext, LoginTransaction } from './context'
import { transactionOf } from './login-transactions'
import { ExpiringStore } from './expiring-store'
import type { RequestOrigin } from './http'
import { logEntry } from './log-entry'
import { Problem } from './problem'
import type { StartRequest } from './start-validation'

export const BOT_DETECTION_MODES = ['never', 'risky', 'always'] as const
export const BOT_DETECTION_PROVIDERS = ['auth0', 'stand-in'] as const

/** The site key the stand-in's challenge names: a stand-in for a provider's public key. */
export const STAND_IN_SITE_KEY = 'emulator-stand-in'
/** The error Auth0 answers a start with a missing or wrong answer, and its words. */
const INVALID_CAPTCHA = 'invalid_captcha'
const INVALID_CAPTCHA_DESCRIPTION = 'Invalid captcha value'

const HOUR_MS = 3_600_000
const STAND_IN_TOKEN_SECONDS = 300
/** How many addresses and answers are tracked: the oldest go first. */
const MAX_TRACKED = 10_000

/** What `/passwordless/challenge` answers, in Auth0's field names. */
export type ChallengeAnswer =
  | { required: false }
  | { required: true; provider: 'auth0'; image: string; type: 'code' }
  | { required: true; provider: 'auth0_v2'; siteKey: string }

/** An `auth0` answer waiting for its one check. */
export interface PendingAnswer {
  state: string
  answer: string
  issuedAt: string
}

/** The state of bot detection: starts counted per address, pending answers, and the stand-in's tokens. */
export class BotDetection {
  readonly #starts = new Map<string, { count: number; since: number }>()
  readonly #answers: ExpiringStore<PendingAnswer>
  readonly #tokens: ExpiringStore<true>
  readonly #now: () => number

  constructor(now: () => number) {
    this.#now = now
    this.#answers = new ExpiringStore(now, MAX_TRACKED)
    this.#tokens = new ExpiringStore(now, MAX_TRACKED)
  }

  /** Starts counted for `ip` in its current hour. */
  startsFrom(ip: string): number {
    const entry = this.#starts.get(ip)
    return entry !== undefined && this.#now() - entry.since < HOUR_MS ? entry.count : 0
  }

  /** Counts one valid start from `ip`, whether its captcha then passes or not. */
  countStart(ip: string): void {
    const count = this.startsFrom(ip)
    const since = count === 0 ? this.#now() : (this.#starts.get(ip)?.since ?? this.#now())
    setNewest(this.#starts, ip, { count: count + 1, since }, MAX_TRACKED)
  }

  /** Draws a new image for the transaction; its answer replaces any earlier one. */
  issueAnswer(state: string, lifetimeSeconds: number): string {
    const answer = newCaptchaAnswer()
    this.#answers.put(
      state,
      { state, answer, issuedAt: new Date(this.#now()).toISOString() },
      lifetimeSeconds,
    )
    return answer
  }

  /** Takes the transaction's answer: it can be checked once only, right or wrong. */
  takeAnswer(state: string): string | undefined {
    return this.#answers.take(state)?.answer
  }

  /** Answers still waiting for their check, newest first (the emulator's aid for tests). */
  pendingAnswers(): PendingAnswer[] {
    return this.#answers.values().reverse()
  }

  /** A new token of the stand-in widget. */
  issueToken(token: string): void {
    this.#tokens.put(token, true, STAND_IN_TOKEN_SECONDS)
  }

  /** Whether `token` was issued by the stand-in and not used yet; it cannot be used again. */
  takeToken(token: string): boolean {
    return this.#tokens.take(token) === true
  }

  clear(): void {
    this.#starts.clear()
    this.#answers.clear()
    this.#tokens.clear()
  }
}

/** Whether a start of a login transaction from `ip` must answer a captcha now (before it is counted). */
function isCaptchaRequired(context: EmulatorContext, ip: string): boolean {
  const { botDetection, botDetectionRiskyAfter } = context.settings
  if (botDetection === 'risky') return context.botDetection.startsFrom(ip) >= botDetectionRiskyAfter
  return botDetection === 'always'
}

/** The challenge for a transaction: for `auth0`, a new image whose answer replaces the last one. */
export function newChallenge(
  context: EmulatorContext,
  transaction: LoginTransaction,
  ip: string,
): ChallengeAnswer {
  if (!isCaptchaRequired(context, ip)) return { required: false }
  if (context.settings.botDetectionProvider === 'stand-in')
    return { required: true, provider: 'auth0_v2', siteKey: STAND_IN_SITE_KEY }
  const answer = context.botDetection.issueAnswer(
    transaction.id,
    context.settings.loginTransactionLifetimeSeconds,
  )
  return { required: true, provider: 'auth0', image: captchaImageUrl(answer), type: 'code' }
}

/**
 * Whether `captcha` answers the transaction's challenge. An `auth0` answer is compared without regard to case
 * or surrounding spaces, and used up either way; a stand-in token is good once.
 */
function isCaptchaAnswered(
  context: EmulatorContext,
  transaction: LoginTransaction,
  captcha: unknown,
): boolean {
  if (context.settings.botDetectionProvider === 'stand-in')
    return typeof captcha === 'string' && context.botDetection.takeToken(captcha)
  const expected = context.botDetection.takeAnswer(transaction.id)
  return expected !== undefined && typeof captcha === 'string' && captcha.trim().toUpperCase() === expected
}

/**
 * Holds a start to bot detection (E29): every start from an address is counted (`risky` reads the count), and
 * a start of a login transaction that must answer a captcha and does not, or answers wrong, is refused with
 * Auth0's `invalid_captcha` and logged. It has already taken its token from the rate limit (E30).
 *
 * @throws Problem 400 `invalid_captcha`
 */
export function holdStartToBotDetection(
  context: EmulatorContext,
  request: StartRequest,
  captcha: unknown,
  origin: RequestOrigin,
): void {
  const transaction = transactionOf(context, request.authParams['state'], request.client.clientId)
  const required = transaction !== undefined && isCaptchaRequired(context, origin.ip)
  context.botDetection.countStart(origin.ip)
  if (!required || isCaptchaAnswered(context, transaction, captcha)) return
  const description =
    `Bot detection (${context.settings.botDetection}, provider ${context.settings.botDetectionProvider}) ` +
    `refused /passwordless/start: the captcha answer was ${captcha === undefined ? 'missing' : 'wrong'}`
  context.logs.write(logEntry('pla', description, origin, request))
  throw new Problem(400, INVALID_CAPTCHA, INVALID_CAPTCHA_DESCRIPTION)
}
