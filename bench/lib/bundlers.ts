/**
 * A consumer app built by each of the common bundlers the way an app would build it for production: Vite,
 * esbuild, webpack (Node API, production mode) and rollup (node-resolve and terser, as `buildApp`). The package
 * is found like any dependency, from the app's directory up, so the same call builds the bench's apps against
 * this checkout and a test's app against the packed tarball installed beside it. Shared by `npm run bench`
 * and e2e/bundlers.spec.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { build as esbuild } from 'esbuild'
import { build as vite } from 'vite'
import webpack, { type Configuration } from 'webpack'
import { buildApp, type BuildWarning } from './bundles'

export const BUNDLERS = ['rollup', 'vite', 'esbuild', 'webpack'] as const
export type Bundler = (typeof BUNDLERS)[number]
export type { BuildWarning }

/** One JavaScript file that a page loads with `<script type="module">`, and what the build warned about. */
export interface BuiltApp {
  code: string
  warnings: BuildWarning[]
  /** The source map of `code`, when asked for. */
  map?: string
}

export interface BuildOptions {
  /** Emit a source map (webpack also reads the package's own maps with source-map-loader). */
  sourceMap?: boolean
}

const require = createRequire(import.meta.url)

async function withVite(entry: string, options: BuildOptions): Promise<BuiltApp> {
  const warnings: BuildWarning[] = []
  const output = await vite({
    configFile: false,
    root: dirname(entry),
    logLevel: 'silent',
    build: {
      write: false,
      sourcemap: options.sourceMap === true,
      modulePreload: false,
      rolldownOptions: {
        input: entry,
        onwarn: (warning) =>
          warnings.push({
            message: warning.message,
            files: [warning.id, ...(warning.ids ?? [])].filter(isText),
          }),
      },
    },
  })
  const [result] = Array.isArray(output) ? output : [output]
  if (result === undefined || !('output' in result)) throw new Error('vite returned no bundle')
  const chunk = result.output.find((file) => file.type === 'chunk' && file.isEntry)
  if (chunk?.type !== 'chunk') throw new Error('vite produced no entry chunk')
  return { code: chunk.code, warnings, ...(chunk.map ? { map: chunk.map.toString() } : {}) }
}

async function withEsbuild(entry: string, options: BuildOptions): Promise<BuiltApp> {
  const result = await esbuild({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    sourcemap: options.sourceMap === true ? 'external' : false,
    outfile: join(dirname(entry), 'out', 'app.js'),
    write: false,
    logLevel: 'silent',
  })
  const file = (suffix: string) => result.outputFiles.find((output) => output.path.endsWith(suffix))?.text
  const code = file('app.js')
  if (code === undefined) throw new Error('esbuild produced no app.js')
  const map = file('app.js.map')
  const warnings = result.warnings.map((warning) => ({
    message: warning.text,
    files: warning.location ? [warning.location.file] : [],
  }))
  return { code, warnings, ...(map === undefined ? {} : { map }) }
}

async function withWebpack(entry: string, options: BuildOptions): Promise<BuiltApp> {
  const out = mkdtempSync(join(tmpdir(), 'pwa-webpack-'))
  const config: Configuration = {
    mode: 'production',
    target: 'web',
    context: dirname(entry),
    entry,
    output: { path: out, filename: 'app.js' },
    devtool: options.sourceMap === true ? 'source-map' : false,
    infrastructureLogging: { level: 'none' },
    ...(options.sourceMap === true
      ? {
          module: {
            rules: [{ test: /\.m?js$/, enforce: 'pre', use: [require.resolve('source-map-loader')] }],
          },
        }
      : {}),
  }
  try {
    const stats = await new Promise<webpack.Stats>((resolve, reject) => {
      const compiler = webpack(config)
      compiler.run((error, result) => {
        compiler.close(() => undefined)
        if (error || !result) reject(error ?? new Error('webpack returned no stats'))
        else resolve(result)
      })
    })
    const json = stats.toJson({ all: false, errors: true, warnings: true })
    if (stats.hasErrors()) {
      throw new Error(`webpack failed:\n${(json.errors ?? []).map((error) => error.message).join('\n')}`)
    }
    const warnings = (json.warnings ?? []).map((warning) => ({
      message: warning.message,
      files: [warning.moduleIdentifier, warning.moduleName].filter(isText),
    }))
    const code = readFileSync(join(out, 'app.js'), 'utf8')
    return {
      code,
      warnings,
      ...(options.sourceMap === true ? { map: readFileSync(join(out, 'app.js.map'), 'utf8') } : {}),
    }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

async function withRollup(entry: string): Promise<BuiltApp> {
  const { code, warnings } = await buildApp(entry)
  return { code, warnings }
}

/**
 * Builds the app `entry` (an absolute path) with `bundler` into one minified file for a module script.
 * @throws Error when the bundler fails (for example, the package is not installed where the app is).
 */
export function buildWith(bundler: Bundler, entry: string, options: BuildOptions = {}): Promise<BuiltApp> {
  switch (bundler) {
    case 'vite':
      return withVite(entry, options)
    case 'esbuild':
      return withEsbuild(entry, options)
    case 'webpack':
      return withWebpack(entry, options)
    case 'rollup':
      if (options.sourceMap === true) throw new Error('source maps are not set up for the rollup app build')
      return withRollup(entry)
  }
}

/** The warnings that concern this package: they name it, or a file of it. */
export function warningsAbout(name: string, warnings: readonly BuildWarning[]): BuildWarning[] {
  return warnings.filter(
    (warning) => warning.message.includes(name) || warning.files.some((file) => file.includes(name)),
  )
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== ''
}
