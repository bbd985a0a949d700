/**
 * Byte counts of the shipped bundles and of small consumer apps built the way an app would build them:
 * rollup with node-resolve (browser field) and terser, one IIFE file. Shared by `npm run bench` and the
 * size budgets in test/budgets, so that both measure the same thing.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import nodeResolve from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import { rollup } from 'rollup'

/** The repository's root directory. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Our minified UMD (built by `npm run build`) and auth0.js's, as a script tag loads them. */
export const OUR_UMD = 'dist/passwordless-webauth.umd.min.js'
export const OUR_ESM = 'dist/passwordless-webauth.mjs'
export const AUTH0_UMD = 'node_modules/auth0-js/dist/auth0.min.js'

/** The consumer apps in bench/apps, by the behaviour they implement. */
export const APPS = {
  start: { ours: 'bench/apps/ours-start.js', auth0: 'bench/apps/auth0-start.js' },
  startClass: { ours: 'bench/apps/ours-start-class.js', auth0: 'bench/apps/auth0-start.js' },
  login: { ours: 'bench/apps/ours-login.js', auth0: 'bench/apps/auth0-login.js' },
} as const

/** A warning of a build: its text and the files it names (empty when the bundler names none). */
export interface BuildWarning {
  message: string
  files: string[]
}

export interface Bytes {
  minified: number
  gzip: number
}

/** The size of `code` as is and after `gzip -9`. */
export function measureBytes(code: string | Uint8Array): Bytes {
  const buffer = typeof code === 'string' ? Buffer.from(code, 'utf8') : code
  return { minified: buffer.byteLength, gzip: gzipSync(buffer, { level: 9 }).byteLength }
}

/** The size of a file of the repository, as is and after `gzip -9`. */
export function measureFile(path: string): Bytes {
  return measureBytes(readFileSync(new URL(path, `file://${ROOT}`)))
}

/**
 * Builds a consumer app (a path relative to the repository) into one minified IIFE and returns its code.
 * Warnings are collected, never printed: zod's known annotation and cycle warnings would otherwise be noise.
 * @throws Error when rollup cannot resolve or bundle the app (for example, `dist/` was not built).
 */
export async function buildApp(entry: string): Promise<{ code: string; warnings: BuildWarning[] }> {
  const warnings: BuildWarning[] = []
  const bundle = await rollup({
    input: fileURLToPath(new URL(entry, `file://${ROOT}`)),
    plugins: [nodeResolve({ browser: true }), terser({ format: { comments: false } })],
    onwarn: (warning) =>
      warnings.push({
        message: warning.message,
        files: [warning.id, warning.exporter, ...(warning.ids ?? [])].filter((file) => file !== undefined),
      }),
  })
  try {
    const { output } = await bundle.generate({ format: 'iife' })
    const [chunk] = output
    return { code: chunk.code, warnings }
  } finally {
    await bundle.close()
  }
}
