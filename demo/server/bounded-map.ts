/**
 * The stores that anyone can fill (codes, rate-limit buckets, failure counts, tickets and transactions) keep
 * their newest entries only, so that memory stays bounded whatever a caller sends.
 */

/**
 * Sets `key` as the newest entry of `map`, then drops the oldest entries beyond `maxSize`. A Map iterates in
 * insertion order, so deleting and setting again makes a key the newest and the first keys are the oldest.
 */
export function setNewest<K, V>(map: Map<K, V>, key: K, value: V, maxSize: number): void {
  map.delete(key)
  map.set(key, value)
  for (const oldest of map.keys()) {
    if (map.size <= maxSize) break
    map.delete(oldest)
  }
}
