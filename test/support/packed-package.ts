/**
 * The package as a user gets it: `npm pack` of the built `dist/`, installed into a new project in a temporary
 * directory. Shared by every test that checks what consumers see (module formats, types, bundlers, packaging
 * lint), so that all of them test the same tarball the same way.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

/** The repository's root directory. */
export const ROOT = resolve(import.meta.dirname, '../..')

/**
 * Packs the repository into `destination` and returns the tarball's path.
 * @throws Error when `dist/` has not been built: the tarball would hold no code.
 */
export function packPackage(destination: string): string {
  if (!existsSync(join(ROOT, 'dist', 'passwordless-webauth.mjs'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test builds before it tests)')
  }
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  ) as { filename: string }[]
  return join(destination, packed[0]!.filename)
}

/** A consumer project: its directory, the tarball it installed, and a way to remove both. */
export interface Consumer {
  dir: string
  tarball: string
  /** Writes a file of the project (creating its folders). */
  write(path: string, content: string): void
  remove(): void
}

/**
 * Creates a consumer project with `packageJson` (name and `private` are filled in), installs the packed
 * package and `dependencies` (name → version) into it, and returns it. The install prefers the local npm
 * cache, so a second run costs little.
 */
export function createConsumer(
  name: string,
  packageJson: Record<string, unknown> = {},
  dependencies: Record<string, string> = {},
): Consumer {
  const dir = mkdtempSync(join(tmpdir(), `pwa-${name}-`))
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  write('package.json', JSON.stringify({ name, private: true, ...packageJson }, null, 2))
  const tarball = packPackage(dir)
  const specs = Object.entries(dependencies).map(([dependency, version]) => `${dependency}@${version}`)
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, ...specs], {
    cwd: dir,
    stdio: 'pipe',
  })
  return { dir, tarball, write, remove: () => rmSync(dir, { recursive: true, force: true }) }
}
