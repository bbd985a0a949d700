/**
 * The authenticators users enrolled, seeded from `tenant.json` (a user's `mfa`): an authenticator app (TOTP,
 * with its shared secret), an SMS number for out-of-band codes, a push device, and a recovery code. Listed in
 * the shape of Auth0's `GET /mfa/authenticators`; the recovery code is single use, and each use issues the
 * next (E26).
 *
 * @see https://auth0.com/docs/api/authentication/multi-factor-authentication/list-authenticators
 */
import { createHash } from 'node:crypto'
import { randomString } from '../codes'
import { constantTimeEqual } from '../../shared/constant-time'

/** A user's factors as tenant.json declares them; every one is optional. */
export interface MfaSeed {
  /** The base32 secret of an authenticator app (RFC 6238: SHA-1, 30 s, 6 digits). */
  totpSecret?: string | undefined
  /** An E.164 number that out-of-band codes are texted to. */
  smsPhoneNumber?: string | undefined
  /** The name of a device that receives push notifications (answered from the emulator's outbox). */
  pushDevice?: string | undefined
  /** The recovery code the user holds now. */
  recoveryCode?: string | undefined
}

/** One enrolled factor. */
export interface Authenticator {
  id: string
  kind: 'otp' | 'sms' | 'push' | 'recovery-code'
}

interface Enrollment {
  totp?: { id: string; secret: string; lastUsedStep: number }
  sms?: { id: string; phoneNumber: string }
  push?: { id: string; name: string }
  recovery?: { id: string; code: string }
}

/** What `mfa_requirements` and the list call name each kind (Auth0's factor names). */
const FACTOR_TYPES: Record<Authenticator['kind'], string> = {
  otp: 'otp',
  sms: 'phone',
  push: 'push-notification',
  'recovery-code': 'recovery-code',
}

const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A new recovery code: 24 letters and digits from a CSPRNG, the length of Auth0's. */
function generateRecoveryCode(): string {
  return randomString(RECOVERY_ALPHABET, 24)
}

/** A phone number as Auth0 lists it: all but the last four digits hidden. */
function maskPhoneNumber(phoneNumber: string): string {
  return `+X XXXX${phoneNumber.slice(-4)}`
}

/** A stable id of one factor of one user, shaped like Auth0's (`totp|dev_…`). */
function factorId(prefix: string, userId: string): string {
  const digest = createHash('sha256').update(`${prefix}\u0000${userId}`).digest('base64url')
  return `${prefix}|dev_${digest.slice(0, 16)}`
}

export class MfaEnrollments {
  readonly #byUser = new Map<string, Enrollment>()

  /** Enrolls `userId` with the factors of `seed`. */
  enroll(userId: string, seed: MfaSeed): void {
    const enrollment: Enrollment = {}
    if (seed.totpSecret !== undefined) {
      enrollment.totp = { id: factorId('totp', userId), secret: seed.totpSecret, lastUsedStep: -1 }
    }
    if (seed.smsPhoneNumber !== undefined) {
      enrollment.sms = { id: factorId('sms', userId), phoneNumber: seed.smsPhoneNumber }
    }
    if (seed.pushDevice !== undefined)
      enrollment.push = { id: factorId('push', userId), name: seed.pushDevice }
    if (seed.recoveryCode !== undefined) {
      enrollment.recovery = { id: factorId('recovery-code', userId), code: seed.recoveryCode }
    }
    this.#byUser.set(userId, enrollment)
  }

  /** Whether the user has any factor at all. */
  isEnrolled(userId: string): boolean {
    return this.authenticators(userId).length > 0
  }

  /** The user's factors, in the order Auth0 lists them: recovery code, app, SMS, push. */
  authenticators(userId: string): Authenticator[] {
    const enrollment = this.#byUser.get(userId) ?? {}
    const found: Authenticator[] = []
    if (enrollment.recovery) found.push({ id: enrollment.recovery.id, kind: 'recovery-code' })
    if (enrollment.totp) found.push({ id: enrollment.totp.id, kind: 'otp' })
    if (enrollment.sms) found.push({ id: enrollment.sms.id, kind: 'sms' })
    if (enrollment.push) found.push({ id: enrollment.push.id, kind: 'push' })
    return found
  }

  /**
   * The `mfa_requirements` of an `mfa_required` answer: the factors the person can be challenged with, in the
   * order of Auth0's example; a person who must pass MFA with none enrolled (`usersRequiringMfa`) is asked to
   * enroll one, as Auth0 asks, which the emulator does not offer: that login stops there.
   */
  requirements(userId: string): { challenge: Array<{ type: string }> } | { enroll: Array<{ type: string }> } {
    const kinds = new Set(this.authenticators(userId).map(({ kind }) => kind))
    if (kinds.size === 0) return { enroll: [{ type: FACTOR_TYPES.otp }] }
    const order: Array<Authenticator['kind']> = ['otp', 'push', 'sms', 'recovery-code']
    return {
      challenge: order.filter((kind) => kinds.has(kind)).map((kind) => ({ type: FACTOR_TYPES[kind] })),
    }
  }

  /** The list answered by `GET /mfa/authenticators`, in Auth0's shape. */
  list(userId: string): Array<Record<string, string | boolean>> {
    const enrollment = this.#byUser.get(userId) ?? {}
    return this.authenticators(userId).map(({ id, kind }) => ({
      type: FACTOR_TYPES[kind],
      id,
      authenticator_type: kind === 'sms' || kind === 'push' ? 'oob' : kind,
      active: true,
      ...(kind === 'sms' && enrollment.sms
        ? { oob_channel: 'sms', name: maskPhoneNumber(enrollment.sms.phoneNumber) }
        : {}),
      ...(kind === 'push' && enrollment.push ? { oob_channel: 'auth0', name: enrollment.push.name } : {}),
    }))
  }

  /** The authenticator app's secret and the last step used, for a check. */
  totp(userId: string): Readonly<{ secret: string; lastUsedStep: number }> | undefined {
    return this.#byUser.get(userId)?.totp
  }

  /** Records the step of a code that passed: that step and the ones before it never pass again. */
  useTotpStep(userId: string, step: number): void {
    const totp = this.#byUser.get(userId)?.totp
    if (totp) totp.lastUsedStep = Math.max(totp.lastUsedStep, step)
  }

  /** The number out-of-band codes are texted to. */
  smsPhoneNumber(userId: string): string | undefined {
    return this.#byUser.get(userId)?.sms?.phoneNumber
  }

  /** The push device's name. */
  pushDevice(userId: string): string | undefined {
    return this.#byUser.get(userId)?.push?.name
  }

  /** The recovery code the user holds now (for the outbox page's emulator aid only). */
  currentRecoveryCode(userId: string): string | undefined {
    return this.#byUser.get(userId)?.recovery?.code
  }

  /**
   * Uses the recovery code: when `given` is the user's (spaces and case aside, compared in constant time), it
   * is replaced by a new one, which is returned; otherwise nothing changes and `undefined` is returned.
   */
  useRecoveryCode(userId: string, given: string): string | undefined {
    const recovery = this.#byUser.get(userId)?.recovery
    const normalised = given.replace(/\s/g, '').toUpperCase()
    if (recovery === undefined || !constantTimeEqual(recovery.code, normalised)) return undefined
    recovery.code = generateRecoveryCode()
    return recovery.code
  }

  clear(): void {
    this.#byUser.clear()
  }
}
