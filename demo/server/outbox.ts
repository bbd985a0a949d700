/**
 * The outbox (E14): every email and text message the emulator would have sent, kept in memory for people
 * (`/__emulator/outbox.html`) and tests (`GET /__emulator/outbox`), and also passed to the logger.
 */
import type { ConnectionName } from './tenant'

export interface OutboxMessage {
  id: string
  /** ISO 8601 time of sending, from the emulator's clock. */
  sentAt: string
  /** An email address, a phone number, or for a push notification the device's name. */
  to: string
  /** `push`: a second factor's push notification, answered with `POST /__emulator/mfa/push`. */
  channel: ConnectionName | 'push'
  /** `mfa`: a second factor's code (SMS) or push notification, sent by `POST /mfa/challenge`. */
  kind: 'code' | 'link' | 'mfa'
  clientId: string
  subject: string
  text: string
  /** The one-time code; also inside `link` for a link; for a push notification, its `oob_code`. */
  code: string
  link?: string
}

/** How many messages are kept, newest first; the outbox page shows them all. */
export const MAX_OUTBOX_MESSAGES = 1_000

export type NewOutboxMessage = Omit<OutboxMessage, 'id' | 'sentAt' | 'subject' | 'text'>

export class Outbox {
  readonly #messages: OutboxMessage[] = []
  readonly #now: () => number
  readonly #newId: () => string
  readonly #log: (line: string) => void

  constructor(now: () => number, newId: () => string, log: (line: string) => void) {
    this.#now = now
    this.#newId = newId
    this.#log = log
  }

  /** Stores a message and prints the line a developer needs to sign in. */
  send(message: NewOutboxMessage): OutboxMessage {
    const text =
      message.kind === 'mfa'
        ? message.channel === 'push'
          ? `Push notification to ${message.to}: approve or deny the sign-in (oob_code ${message.code})`
          : `Your verification code is ${message.code}`
        : message.link === undefined
          ? `To sign in as ${message.to}, use code ${message.code}`
          : `To sign in as ${message.to}, open ${message.link}`
    const stored: OutboxMessage = {
      ...message,
      id: this.#newId(),
      sentAt: new Date(this.#now()).toISOString(),
      subject:
        message.channel === 'email' ? 'Your sign-in ' + (message.kind === 'link' ? 'link' : 'code') : '',
      text,
    }
    this.#messages.push(stored)
    if (this.#messages.length > MAX_OUTBOX_MESSAGES) {
      this.#messages.splice(0, this.#messages.length - MAX_OUTBOX_MESSAGES)
    }
    this.#log(`[outbox] ${text}`)
    return stored
  }

  /** Newest first; `to` filters by recipient, ignoring case and surrounding spaces. */
  list(to?: string): OutboxMessage[] {
    const wanted = to?.trim().toLowerCase()
    const newestFirst = [...this.#messages].reverse()
    return wanted ? newestFirst.filter((message) => message.to.toLowerCase() === wanted) : newestFirst
  }

  clear(): void {
    this.#messages.length = 0
  }
}
