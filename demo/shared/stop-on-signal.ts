/**
 * Clean shutdown for the demo's Node servers on Ctrl+C or SIGTERM: no new connections, the open ones closed,
 * then exit (after 2 s at the latest). Keep-alive connections from browsers would otherwise hold close() open.
 */

/** The part of a Node server (node:http's or Hono's) this needs; HTTP/2 servers have no `closeAllConnections`. */
interface Closable {
  close(callback?: () => void): unknown
  closeAllConnections?(): void
}

/** Stops `server` on the first SIGINT or SIGTERM; `onStop` may say so first. */
export function stopOnSignal(server: Closable, onStop?: (signal: NodeJS.Signals) => void): void {
  let isStopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (isStopping) return
    isStopping = true
    onStop?.(signal)
    server.close(() => process.exit(0))
    server.closeAllConnections?.()
    setTimeout(() => process.exit(0), 2000).unref()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
