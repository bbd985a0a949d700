import { afterEach, beforeEach, vi } from 'vitest'

// A test that writes to the console fails: the SDK never logs by itself, and
// noise in a test run hides the line that matters.
const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const
let written: string[] = []

beforeEach(() => {
  written = []
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      written.push(`console.${method}: ${args.map(String).join(' ')}`)
    })
  }
})

afterEach(() => {
  if (written.length > 0) {
    const lines = written
    written = []
    throw new Error(`The test wrote to the console:\n${lines.join('\n')}`)
  }
})
