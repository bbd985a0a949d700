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

/**
 * The state of an email link the SDK made is one byte longer than any other (44 characters), so that a
 * redirect back from a link whose login this browser does not hold can be told from any other unknown state.
 */
export const LINK_STATE_BYTES = 33

const USED = 'used'

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

function usableStorage(read: () => Storage): Storage | undefined {
  try {
    const storage = read()
    const probe = `${keyPrefix}probe`
    storage.setItem(probe, '1')
    storage.removeItem(probe)
    return storage
  } catch {
    // Missing, or blocked (private modes, sandboxed frames).
    return undefined
  }
}

// Memory still works within the page when sessionStorage does not.
const defaultStorage = (): TransactionStorage =>
  usableStorage(() => globalThis.sessionStorage) ?? (fallbackStorage ??= memoryStorage())

/**
 * Where a tenant's transactions are kept, and its clock. Functions rather than a class, so
 * that an app that only sends codes does not carry the reading side.
 */
export interface TransactionStore {
  storage: TransactionStorage
  now: () => number
  /**
   * Where an email link's transaction lives: `localStorage` when usable, so that the link completes in any
   * tab of this browser; `storage` otherwise. Looked up on first need: code logins never touch it.
   */
  shared: () => TransactionStorage
}

/** The store of the page: `sessionStorage` when usable, memory otherwise; `localStorage` for links. */
export function createTransactionStore(
  storage: TransactionStorage = defaultStorage(),
  now: () => number = Date.now,
  shared?: TransactionStorage,
): TransactionStore {
  return { storage, now, shared: () => (shared ??= usableStorage(() => globalThis.localStorage) ?? storage) }
}

// An email link's state (see LINK_STATE_BYTES) is kept where every tab of the browser finds it.
const isLinkState = (state: string) => state.length === (LINK_STATE_BYTES * 4) / 3
const storageOf = (store: TransactionStore, state: string) =>
  isLinkState(state) ? store.shared() : store.storage

/** Stores a transaction, valid for {@link TRANSACTION_TTL_MS}; an email link's in `shared`. */
export function saveTransaction(
  store: TransactionStore,
  transaction: Omit<Transaction, 'expiresAt'>,
): Transaction {
  const stored: Transaction = { ...transaction, expiresAt: store.now() + TRANSACTION_TTL_MS }
  storageOf(store, transaction.state).setItem(keyPrefix + transaction.state, JSON.stringify(stored))
  return stored
}

/** Forgets a transaction, for a login that failed before the redirect. */
export function discardTransaction(store: TransactionStore, state: string): void {
  storageOf(store, state).removeItem(keyPrefix + state)
}

/**
 * Reads the transaction for `state` and deletes it in the same step, so it can be used once. A marker without
 * any secret stays in this tab, so that the same redirect again is told apart from one this browser never saw.
 *
 * @throws WebAuthError `missing_transaction` when it was used, or is unknown, expired or unreadable;
 *   `link_not_usable_here` instead when the state is an email link's and this browser holds no live login for it
 */
export function consumeTransaction(store: TransactionStore, state: string): Transaction {
  const key = keyPrefix + state
  // This tab's marker first, then where the transaction is kept.
  const raw = store.storage.getItem(key) ?? storageOf(store, state).getItem(key)
  discardTransaction(store, state)
  store.storage.setItem(key, USED)
  const transaction = parseTransaction(raw)
  if (transaction && transaction.expiresAt > store.now()) return transaction
  // A link's state that was not used here: this browser never held it, or it expired.
  throw sdkError(
    isLinkState(state) && raw !== USED ? 'link_not_usable_here' : 'missing_transaction',
    'No pending login for this redirect.',
  )
}

// `null` (nothing stored) parses as JSON's null, and is no transaction either.
function parseTransaction(raw: string | null): Transaction | undefined {
  try {
    const value = JSON.parse(raw as string) as Partial<Transaction> | null
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
