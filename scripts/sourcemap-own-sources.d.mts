/** A source map as a JSON object (version 3). */
export interface RawSourceMap {
  version: number
  sources: string[]
  sourcesContent?: (string | null)[]
  names: string[]
  mappings: string
  x_google_ignoreList?: number[]
  [field: string]: unknown
}

/** `map` with only the sources that `keep` accepts; everything else is marked as having no source. */
export function keepSources(map: RawSourceMap, keep: (source: string) => boolean): RawSourceMap

/** A rollup output plugin: every emitted map keeps the sources outside node_modules only. */
export function ownSourcesOnly(): { name: string; generateBundle: (...args: never[]) => void }
