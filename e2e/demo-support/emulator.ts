/**
 * Control of the shared emulator (started by Playwright's webServer) through its `/__emulator` routes:
 * reset between tests, settings, clock, outbox and tenant logs. Node's fetch sends no Origin header, which
 * the emulator's same-origin guard on those routes lets through, as it does for curl.
 */
import { expect } from '@playwright/test'
import type { LogEntry } from '../../demo/server/logs'
import type { OutboxMessage } from '../../demo/server/outbox'

export type { OutboxMessage }

export const EMULATOR = 'http://127.0.0.1:4400'
export const SPA = 'http://127.0.0.1:4401'
export const REGULAR_WEB_APP = 'http://127.0.0.1:4402'

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${EMULATOR}${path}`, init)
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`)
  return response
}

/** Empties outbox, logs, rate limits, codes and users; restores settings and the clock. */
export async function resetEmulator(): Promise<void> {
  await call('/__emulator/reset', { method: 'POST' })
}

export async function patchSettings(settings: Record<string, unknown>): Promise<void> {
  await call('/__emulator/settings', {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(settings),
  })
}

export async function advanceClock(seconds: number): Promise<void> {
  await call('/__emulator/clock', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  })
}

/** Messages to `to`, newest first. */
export async function outbox(to?: string): Promise<OutboxMessage[]> {
  const query = to === undefined ? '' : `?to=${encodeURIComponent(to)}`
  const body = (await (await call(`/__emulator/outbox${query}`)).json()) as { messages: OutboxMessage[] }
  return body.messages
}

/** The newest message to `to`, waiting briefly for it: the page may still be on its way to the emulator. */
export async function latestMessage(to: string): Promise<OutboxMessage> {
  let message: OutboxMessage | undefined
  await expect
    .poll(
      async () => {
        message = (await outbox(to))[0]
        return message !== undefined
      },
      { message: `a message to ${to} in the outbox` },
    )
    .toBe(true)
  return message as OutboxMessage
}

export async function searchLogs(query: string): Promise<LogEntry[]> {
  const body = (await (await call(`/__emulator/logs?q=${encodeURIComponent(query)}`)).json()) as {
    logs: LogEntry[]
  }
  return body.logs
}

/** A wrong code of the right shape: the real one with its first digit changed. */
export function wrongCode(code: string): string {
  const first = Number(code[0] ?? '0')
  return `${(first + 1) % 10}${code.slice(1)}`
}
