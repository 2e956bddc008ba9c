/* The timeline's search worker, served in place of mkdocs-material's own (same address).
 *
 * It speaks material's worker protocol (9.x: SETUP, READY, QUERY, RESULT, numbered 0-3),
 * so the theme's search box, its "/" key, its keyboard moves through results and instant
 * navigation all stay as they are; but instead of building a Lunr index from every page's
 * text on each load, it asks the site's Pagefind bundles, which load only the parts of the
 * index a query needs. The English bundle is opened at SETUP; the Chinese one only for a
 * query with Han characters in it.
 *
 * A query may carry facets, written as the timeline's filters are named:
 * `agents actor:Northwind year:2026 status:reported tag:"Coding agents"`. After each answer
 * the worker announces the facet counts on a BroadcastChannel, keyed by the query, for the
 * search panel's facet chips (search.js). */

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

// This file is at assets/javascripts/workers/ in the site, as the theme's worker is.
const ROOT = new URL("../../../", self.location.href)
const BUNDLES = { en: "search/pagefind/", zh: "search/pagefind-zh/" }
const FACETS = ["actor", "tag", "year", "status"]
const KIND_LABELS = { actor: "Actor", tag: "Tag", outlet: "Outlet", year: "Year",
                      docs: "Documentation" }
const STATUS_LABELS = { reported: "Reported", confirmed: "Confirmed", disputed: "Disputed",
                        denied: "Denied", retracted: "Retracted" }
const MAX_EVENTS = 10, MAX_HUBS = 3, MAX_DOCS = 3
const MAX_LOADED = 16  // results whose text is fetched, one small file each
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/

const channel = typeof BroadcastChannel === "undefined"
  ? null : new BroadcastChannel("timeline-search")
const instances = {}
let latest = 0

function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, c => (
    { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]))
}

async function instance(language) {
  if (!instances[language]) {
    instances[language] = (async () => {
      const base = new URL(BUNDLES[language], ROOT)
      const pagefind = await import(new URL("pagefind.js", base).href)
      const search = pagefind.createInstance({ basePath: base.pathname, noWorker: true })
      await search.options({ baseUrl: ROOT.pathname, excerptLength: 24,
                             ranking: { termSimilarity: 3.0 } })
      await search.init()
      return search
    })()
  }
  return instances[language]
}

/** The words of a query and its facets: `key:value` or `key:"two words"`. */
function parseQuery(query) {
  const filters = {}
  const words = query.replace(
    /\b(actor|tag|year|status):(?:"([^"]*)"|(\S+))/gi,
    (_, key, quoted, bare) => {
      const name = key.toLowerCase()
      ;(filters[name] = filters[name] || []).push((quoted ?? bare).trim())
      return " "
    }).replace(/\s+/g, " ").trim()
  return { words, filters }
}

/** Facet values as the index spells them, matched without regard to case. */
async function resolveFilters(search, filters) {
  if (!Object.keys(filters).length) return {}
  const known = await search.filters()
  const resolved = {}
  for (const [key, values] of Object.entries(filters)) {
    const spelled = Object.keys(known[key] || {})
    // Any of a facet's values, as the timeline's own filters combine them.
    resolved[key] = { any: values.map(value => (
      spelled.find(s => s.toLowerCase() === value.toLowerCase()) ?? value)) }
  }
  return resolved
}

function tagsOf(meta) {
  if (meta.kind === "event")
    return [meta.date, STATUS_LABELS[meta.status] || meta.status].filter(Boolean)
  return [KIND_LABELS[meta.kind] || meta.kind]
}

function item(data, score, terms) {
  return {
    location: data.url,
    title: escapeHTML(data.meta.title || data.url),
    text: data.excerpt || "",  // Pagefind escapes the text and marks the words found
    score,
    terms,
    tags: tagsOf(data.meta),
  }
}

async function loaded(results, count) {
  return Promise.all(results.slice(0, count).map(result => result.data()))
}

function wholeWordsFirst(matched, whole) {
  const ids = new Set(whole.results.map(result => result.id))
  return [
    ...matched.results.filter(result => ids.has(result.id)),
    ...matched.results.filter(result => !ids.has(result.id)),
  ]
}

function isExactName(data, words) {
  const names = (data.meta.names || "").split("|")
  return names.includes(words.toLowerCase())
}

async function answer(query, ticket) {
  const { words, filters } = parseQuery(query)
  if (!words && !Object.keys(filters).length)
    return { items: [], counts: null, shown: 0 }
  const search = await instance(HAN.test(words) ? "zh" : "en")
  const facets = await resolveFilters(search, filters)
  const term = words || null  // facets alone list every event that has them
  // No filter by kind before the first answer: the kinds' index lists every event, more
  // to download than the answer itself. Hubs and pages have none of the facets, so a
  // facet leaves only events; without one, the best results are sorted by kind below.
  const options = { filters: facets }
  // Pagefind also matches words that merely begin with a query word ("Brin" in
  // "bringing"); the same words as a quoted phrase match whole (stemmed) words only, so
  // the results that have them come first, in Pagefind's order.
  const [matched, whole] = await Promise.all([
    search.search(term, options),
    words && !HAN.test(words) ? search.search(`"${words.replace(/"/g, "")}"`, options) : null,
  ])
  if (ticket !== latest) return null  // typed on: load nothing more for this one
  const results = whole ? wholeWordsFirst(matched, whole) : matched.results
  const data = await loaded(results, MAX_LOADED)
  const terms = Object.fromEntries(words.split(" ").filter(Boolean).map(w => [w, true]))
  // An exact name puts its hub first; then events; then the other hubs; documentation
  // for contributors last. Scores fall in that order, so the theme's Enter key (which
  // opens the highest score) opens the first result.
  const events = data.filter(d => d.meta.kind === "event").slice(0, MAX_EVENTS)
  const hubs = data.filter(d => d.meta.kind !== "event" && d.meta.kind !== "docs")
  const exact = hubs.filter(d => isExactName(d, words))
  const ordered = [
    ...exact,
    ...events,
    ...hubs.filter(d => !exact.includes(d)).slice(0, MAX_HUBS),
    ...data.filter(d => d.meta.kind === "docs").slice(0, MAX_DOCS),
  ]
  const items = ordered.map((d, i) => [item(d, ordered.length - i, terms)])
  const counts = async () => {
    // Pagefind counts only the facets it has loaded, and the kinds' index to count events
    // alone: both are loaded only once the reader has stopped typing.
    await search.filters()
    const counted = await search.search(term, { filters: { ...facets, kind: ["event"] } })
    return { filters: counted.filters, total: counted.results.length }
  }
  return { items, counts, shown: events.length }
}

async function respond(query) {
  const ticket = ++latest
  let result
  try {
    result = await answer(query, ticket)
  } catch (error) {
    console.warn("timeline search:", error)
    result = { items: [], counts: null, shown: 0 }
  }
  if (!result || ticket !== latest) return  // a newer query is being answered
  if (!result.counts) result.counts = async () => null
  self.postMessage({ type: RESULT, data: { items: result.items } })
  lastShown = { query, result, ticket }
}

// The facet counts of the answer shown, once the search panel asks for them (after it has
// shown the results, and the reader has paused): their files never delay an answer.
let lastShown = null

async function announceCounts(query) {
  if (!lastShown || lastShown.query !== query) return
  const { result, ticket } = lastShown
  const counted = await result.counts().catch(() => null)
  if (ticket !== latest) return
  const facets = {}
  for (const key of FACETS)
    if (counted && counted.filters[key]) facets[key] = counted.filters[key]
  channel.postMessage({ query, total: counted ? counted.total : 0, shown: result.shown,
                        facets })
}

if (channel) channel.addEventListener("message", ev => {
  if (ev.data && typeof ev.data.counts === "string") announceCounts(ev.data.counts)
})

// Opened at once, and READY said as soon as it is open: the theme sends SETUP only after
// fetching its own index (which holds nothing the worker needs), and queries only after
// READY. A second READY, after SETUP, is ignored by the theme.
instance("en").then(() => self.postMessage({ type: READY }), () => {})

self.addEventListener("message", async ev => {
  const message = ev.data
  switch (message.type) {
    case SETUP:
      try {
        await instance("en")
      } catch (error) {
        console.warn("timeline search could not load its index:", error)
      }
      self.postMessage({ type: READY })
      break
    case QUERY:
      await respond(message.data)
      break
  }
})
