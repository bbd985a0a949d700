import { sdkError } from './errors'

/** What a redirect needs to complete: kept from the moment the login starts until the person comes back. */
export interface Transaction {
  state: string
  nonce?: string
  /** The PKCE verifier, for a code flow. */
  codeVerifier?: string
  redirectUri: string
  clientId: string
  responseType: string
  /** A same-origin relative path to return to after login. */
  returnTo?: string
  /** The app's data to hand back after login. */
  appState?: unknown
  /** Set for a code login through `/co/authenticate`, whose ticket needs the tenant's third-party cookie. */
  co?: 1
  /** Epoch milliseconds after which the transaction is refused. */
  expiresAt: number
}

/** Lifetime of a stored transaction: an abandoned login must not stay usable (S7). */
export const TRANSACTION_TTL_MS = 30 * 60 * 1000

const keyPrefix = 'passwordless-webauth.tx.'

/** Where transactions live: `sessionStorage` when usable (it survives the redirect), memory otherwise. */
export interface TransactionStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

function memoryStorage(): TransactionStorage {
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}

// Shared by every WebAuth of the page when sessionStorage is missing, so a redirect
// handled by another instance still finds its transaction. Made on first need.
let fallbackStorage: TransactionStorage | undefined

function defaultStorage(): TransactionStorage {
  try {
    const storage = globalThis.sessionStorage
    const probe = `${keyPrefix}probe`
    storage.setItem(probe, '1')
    storage.removeItem(probe)
    return storage
  } catch {
    // Missing, or blocked (private modes, sandboxed frames): memory still works within the page.
    return (fallbackStorage ??= memoryStorage())
  }
}

/**
 * Where a tenant's transactions are kept, and its clock. Functions rather than a class, so
 * that an app that only sends codes does not carry the reading side.
 */
export interface TransactionStore {
  storage: TransactionStorage
  now: () => number
}

/** The store of the page: `sessionStorage` when usable, memory otherwise. */
export function createTransactionStore(
  storage: TransactionStorage = defaultStorage(),
  now: () => number = Date.now,
): TransactionStore {
  return { storage, now }
}

/** Stores a transaction, valid for {@link TRANSACTION_TTL_MS}. */
export function saveTransaction(
  store: TransactionStore,
  transaction: Omit<Transaction, 'expiresAt'>,
): Transaction {
  const stored: Transaction = { ...transaction, expiresAt: store.now() + TRANSACTION_TTL_MS }
  store.storage.setItem(keyPrefix + transaction.state, JSON.stringify(stored))
  return stored
}

/** Forgets a transaction, for a login that failed before the redirect. */
export function discardTransaction(store: TransactionStore, state: string): void {
  store.storage.removeItem(keyPrefix + state)
}

/**
 * Reads the transaction for `state` and deletes it in the same step, so it can be used once.
 *
 * @throws WebAuthError `missing_transaction` when none is stored, it expired, or it cannot be read
 */
export function consumeTransaction(store: TransactionStore, state: string): Transaction {
  const key = keyPrefix + state
  const raw = store.storage.getItem(key)
  store.storage.removeItem(key)
  const transaction = raw === null ? undefined : parseTransaction(raw)
  if (!transaction) {
    throw sdkError('missing_transaction', 'No pending login for this redirect.')
  }
  if (transaction.expiresAt <= store.now()) {
    throw sdkError('missing_transaction', 'The login expired. Start again.')
  }
  return transaction
}

function parseTransaction(raw: string): Transaction | undefined {
  try {
    const value = JSON.parse(raw) as Partial<Transaction> | null
    const isValid =
      typeof value?.state === 'string' &&
      typeof value.redirectUri === 'string' &&
      typeof value.clientId === 'string' &&
      typeof value.expiresAt === 'number'
    return isValid ? (value as Transaction) : undefined
  } catch {
    return undefined
  }
}
