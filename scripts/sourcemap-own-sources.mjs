// A rollup output plugin for the UMD builds, which bundle ky and zod: their source maps keep only the SDK's
// own TypeScript. The dependencies' code is marked as having no source instead of carrying a copy of their
// JavaScript (about 300 KB per map, 85% of the package), which would show a debugger nothing that the
// readable umd.cjs does not already show. Marking it, rather than dropping its mappings, matters: a debugger
// looks up the nearest mapping before a position, so dropped mappings would show zod's code as the SDK's
// last line before it.
import { decode, encode } from '@jridgewell/sourcemap-codec'

/**
 * Rewrites a source map so that it keeps only the sources for which `keep(source)` is true: their
 * segments are re-indexed, every other segment becomes a one-field "no source" segment (runs of them
 * collapsed into one), and `names` and `x_google_ignoreList` are pruned to what is still used.
 */
export function keepSources(map, keep) {
  const sourceIndex = new Map()
  const sources = []
  const sourcesContent = []
  map.sources.forEach((source, index) => {
    if (!keep(source)) return
    sourceIndex.set(index, sources.length)
    sources.push(source)
    sourcesContent.push(map.sourcesContent?.[index] ?? null)
  })
  const nameIndex = new Map()
  const names = []
  const mappings = decode(map.mappings).map((line) => {
    const kept = []
    for (const segment of line) {
      const source = segment.length > 1 ? sourceIndex.get(segment[1]) : undefined
      if (source === undefined) {
        // One "no source" segment is enough until the next mapped one.
        if (kept.length > 0 && kept[kept.length - 1].length === 1) continue
        kept.push([segment[0]])
        continue
      }
      const mapped = [segment[0], source, segment[2], segment[3]]
      if (segment.length === 5) {
        if (!nameIndex.has(segment[4])) nameIndex.set(segment[4], names.push(map.names[segment[4]]) - 1)
        mapped.push(nameIndex.get(segment[4]))
      }
      kept.push(mapped)
    }
    return kept
  })
  const ignoreList = (map.x_google_ignoreList ?? [])
    .map((index) => sourceIndex.get(index))
    .filter((index) => index !== undefined)
  const rest = { ...map }
  delete rest.x_google_ignoreList
  return {
    ...rest,
    sources,
    sourcesContent,
    names,
    mappings: encode(mappings),
    ...(ignoreList.length > 0 ? { x_google_ignoreList: ignoreList } : {}),
  }
}

/** The rollup output plugin: every emitted map keeps the sources outside node_modules only. */
export function ownSourcesOnly() {
  const isOwn = (source) => !source.split(/[\\/]/).includes('node_modules')
  return {
    name: 'own-sources-only',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.map')) continue
        file.source = JSON.stringify(keepSources(JSON.parse(String(file.source)), isOwn))
      }
    },
  }
}
