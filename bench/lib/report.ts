/** The bench's one table: ours, auth0.js and the ratio of the two, as Markdown (readable in a terminal too). */
import type { Summary } from './stats'

export interface Row {
  name: string
  unit: 'bytes' | 'ms' | 'requests' | 'KiB'
  /** A byte count is exact; everything measured in the browser is the summary of many runs. */
  ours: number | Summary
  auth0: number | Summary
}

const median = (value: number | Summary) => (typeof value === 'number' ? value : value.median)

/** ours / auth0.js of the medians: below 1 is smaller or faster. */
export function ratio(row: Row): number {
  return median(row.ours) / median(row.auth0)
}

function formatValue(value: number | Summary, unit: Row['unit']): string {
  if (typeof value === 'number') return `${value.toLocaleString('en-US')} B`
  const digits = unit === 'requests' ? 0 : 1
  const number = (figure: number) =>
    figure.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
  const suffix = unit === 'requests' ? '' : ` ${unit}`
  // The interquartile range, left out when it is empty (a count); min and max are in the JSON.
  const spread = number(value.p25) === number(value.p75) ? '' : ` (${number(value.p25)}–${number(value.p75)})`
  return `${number(value.median)}${suffix}${spread}`
}

export function formatTable(rows: readonly Row[]): string {
  const lines = [
    '| measure (bytes: exact; timings: median (p25–p75)) | passwordless-webauth | auth0.js 10.2.1 | ours / auth0.js |',
    '|---|--:|--:|--:|',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${formatValue(row.ours, row.unit)} | ${formatValue(row.auth0, row.unit)} | ${ratio(row).toFixed(2)} |`,
    ),
  ]
  return lines.join('\n')
}
