import { sdkError } from '../core/errors'

// The credentials a browser must never send, compared by their letters and digits only, so that
// `client_secret`, `clientSecret`, `CLIENT-SECRET` and `client secret` all match.
const confidentialKeys = ['clientsecret', 'clientassertion', 'clientassertiontype']

// Letters of other scripts that look like the Latin ones of those words (Cyrillic, Greek, dotless i).
// NFKC already folds the fullwidth and compatibility forms (`ｃｌｉｅｎｔ`, `ⅽ`); these it leaves alone.
const lookalikes = 'асеіорѕуӏαιορϲı'
const latin = 'aceiopsylaiopci'

/** A key reduced to the letters and digits it reads as: NFKC, lower case, lookalikes folded. */
function normalizeKey(key: string): string {
  let folded = ''
  for (const letter of key.normalize('NFKC').toLowerCase()) {
    const index = lookalikes.indexOf(letter)
    folded += index < 0 ? letter : latin[index]
  }
  return folded.replace(/[^a-z0-9]/g, '')
}

function refuse(key: string, path: string): never {
  throw sdkError('client_secret_in_browser', `"${key}" (in ${path}) is a secret: keep it on your backend.`)
}

/**
 * Refuses a key spelled like `client_secret`, `client_assertion` or `client_assertion_type`, in any
 * case, separator, compatibility form or lookalike script.
 *
 * @throws WebAuthError `client_secret_in_browser`, naming the key and where it was found
 */
export function assertNotConfidentialKey(key: string, path: string): void {
  if (confidentialKeys.includes(normalizeKey(key))) refuse(key, path)
}

/**
 * Refuses a custom header that carries a credential: `Authorization` and `Proxy-Authorization` (how
 * HTTP Basic client authentication sends a secret), and any name that spells a secret inside it
 * (`x-client-secret`, `X-Client-Assertion`).
 *
 * @throws WebAuthError `client_secret_in_browser`
 */
export function assertNotConfidentialHeader(name: string, path: string): void {
  const key = normalizeKey(name)
  if (/authorization$/.test(key) || confidentialKeys.some((secret) => key.includes(secret)))
    refuse(name, path)
}
