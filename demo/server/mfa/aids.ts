/**
 * Emulator aid: what a demo user's devices would show, for the outbox page and `GET /__emulator/mfa`. A real
 * tenant shows none of it; the codes live on the person's phone.
 */
import type { EmulatorContext } from '../context'
import { secondsLeftInStep, totpAt } from './totp'

/** One enrolled user's aid: the authenticator app's code now, and the recovery code the user holds. */
export interface MfaAid {
  identity: string
  userId: string
  totp?: { code: string; secondsLeft: number }
  recoveryCode?: string
}

/** The emulator aid of every enrolled user: the authenticator app's code now and the current recovery code. */
export function mfaAids(context: EmulatorContext): MfaAid[] {
  const now = context.now()
  return context.users.list().flatMap((user) => {
    const totp = context.mfa.totp(user.userId)
    const recoveryCode = context.mfa.currentRecoveryCode(user.userId)
    if (totp === undefined && recoveryCode === undefined) return []
    return [
      {
        identity: user.identity,
        userId: user.userId,
        ...(totp && { totp: { code: totpAt(totp.secret, now), secondsLeft: secondsLeftInStep(now) } }),
        ...(recoveryCode && { recoveryCode }),
      },
    ]
  })
}
