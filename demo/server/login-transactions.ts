/**
 * The hosted login page's login transactions, as the routes find them: by the `state` a page or a backend
 * forwards (a start, a challenge, a verify), and only for the client that opened them.
 */
import type { EmulatorContext, LoginTransaction } from './context'

/** The live login transaction of `state`, when `state` names one of `clientId` (of any client without it). */
export function transactionOf(
  context: EmulatorContext,
  state: unknown,
  clientId?: string,
): LoginTransaction | undefined {
  const transaction = typeof state === 'string' ? context.transactions.get(state) : undefined
  return clientId === undefined || transaction?.clientId === clientId ? transaction : undefined
}
