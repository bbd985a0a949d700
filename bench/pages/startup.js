/* global window, document, location, performance, URLSearchParams */
// Loads one UMD into this fresh page and records, in the page's own clock, how long it took from asking for
// the script to the end of its execution (the load event of a dynamically inserted script fires after it ran),
// and how much of that was the fetch.
;(() => {
  const sdk = new URLSearchParams(location.search).get('sdk')
  const script = document.createElement('script')
  script.src = `/sdk/${sdk}.js`
  const start = performance.now()
  script.onload = () => {
    const end = performance.now()
    const [entry] = performance.getEntriesByName(script.src)
    const fetched = entry ? entry.responseEnd : end
    window.benchStartup = { total: end - start, fetch: fetched - start, run: end - fetched }
  }
  script.onerror = () => (window.benchStartup = { error: `could not load ${script.src}` })
  document.head.append(script)
})()
