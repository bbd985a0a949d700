/**
 * Control of an emulator through its `/__emulator` routes: reset between tests, settings, clock, outbox and
 * tenant logs. The shared one (started by Playwright's webServer on 4400) has the plain functions below; an
 * HTTPS one gets its own `EmulatorControl`, whose fetch trusts its certificate. Node's fetch sends no Origin
 * header, which the emulator's same-origin guard on those routes lets through, as it does for curl.
 */
import { expect } from '@playwright/test'
import type { LogEntry } from '../../demo/server/logs'
import type { OutboxMessage } from '../../demo/server/outbox'
import type { Fetch } from '../support/trusting-fetch'

export type { OutboxMessage }

export const EMULATOR = 'http://127.0.0.1:4400'
export const SPA = 'http://127.0.0.1:4401'
export const REGULAR_WEB_APP = 'http://127.0.0.1:4402'

export class EmulatorControl {
  constructor(
    readonly origin: string,
    private readonly send: Fetch = fetch,
  ) {}

  async call(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await this.send(`${this.origin}${path}`, init)
    if (!response.ok)
      throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`)
    return response
  }

  /** Empties outbox, logs, rate limits, codes and users; restores settings and the clock. */
  async reset(): Promise<void> {
    await this.call('/__emulator/reset', { method: 'POST' })
  }

  async patchSettings(settings: Record<string, unknown>): Promise<void> {
    await this.call('/__emulator/settings', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(settings),
    })
  }

  async advanceClock(seconds: number): Promise<void> {
    await this.call('/__emulator/clock', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: seconds }),
    })
  }

  /** Messages to `to`, newest first. */
  async outbox(to?: string): Promise<OutboxMessage[]> {
    const query = to === undefined ? '' : `?to=${encodeURIComponent(to)}`
    const response = await this.call(`/__emulator/outbox${query}`)
    return ((await response.json()) as { messages: OutboxMessage[] }).messages
  }

  /** The newest message to `to`, waiting briefly for it: the page may still be on its way to the emulator. */
  async latestMessage(to: string): Promise<OutboxMessage> {
    let message: OutboxMessage | undefined
    await expect
      .poll(
        async () => {
          message = (await this.outbox(to))[0]
          return message !== undefined
        },
        { message: `a message to ${to} in the outbox` },
      )
      .toBe(true)
    return message as OutboxMessage
  }

  async searchLogs(query: string): Promise<LogEntry[]> {
    const response = await this.call(`/__emulator/logs?q=${encodeURIComponent(query)}`)
    return ((await response.json()) as { logs: LogEntry[] }).logs
  }
}

/** The shared emulator of the demo suite. */
export const sharedEmulator = new EmulatorControl(EMULATOR)

export const resetEmulator = (): Promise<void> => sharedEmulator.reset()
export const patchSettings = (settings: Record<string, unknown>): Promise<void> =>
  sharedEmulator.patchSettings(settings)
export const advanceClock = (seconds: number): Promise<void> => sharedEmulator.advanceClock(seconds)
export const outbox = (to?: string): Promise<OutboxMessage[]> => sharedEmulator.outbox(to)
export const latestMessage = (to: string): Promise<OutboxMessage> => sharedEmulator.latestMessage(to)
export const searchLogs = (query: string): Promise<LogEntry[]> => sharedEmulator.searchLogs(query)

/** A wrong code of the right shape: the real one with its first digit changed. */
export function wrongCode(code: string): string {
  const first = Number(code[0] ?? '0')
  return `${(first + 1) % 10}${code.slice(1)}`
}
