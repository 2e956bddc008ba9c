/* The search panel's facets: chips under the search box that narrow the results by the
 * timeline's own filters (actor, tag, year, status), each with its count.
 *
 * The search worker (search-worker.js) reads facets from the query itself
 * (`agents year:2026`), so a chip only adds or removes its word in the search box and
 * the theme sends the query as if it had been typed; the worker announces the counts for
 * each query on a BroadcastChannel, and this script shows those of the box's own query.
 * Without that worker (another theme or builder) nothing is announced and nothing shows. */
(() => {
  if (typeof BroadcastChannel === "undefined") return
  const FACETS = [["status", "Status"], ["year", "Year"], ["actor", "Actor"], ["tag", "Tag"]]
  const SHOWN = 6
  const PAUSE_MS = 150
  const channel = new BroadcastChannel("timeline-search")

  const input = () => document.querySelector("[data-md-component=search-query]")
  const token = (key, value) => /\s|"/.test(value) ? `${key}:"${value}"` : `${key}:${value}`

  function selected(query) {
    const found = new Set()
    query.replace(/\b(actor|tag|year|status):(?:"([^"]*)"|(\S+))/gi,
      (_, key, quoted, bare) => found.add(`${key.toLowerCase()}:${(quoted ?? bare).toLowerCase()}`))
    return found
  }

  function toggle(key, value) {
    const box = input()
    if (!box) return
    const words = token(key, value)
    const pattern = new RegExp(`(^|\\s)${key}:(?:"${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"|${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})(?=\\s|$)`, "i")
    box.value = pattern.test(box.value)
      ? box.value.replace(pattern, " ").replace(/\s+/g, " ").trim()
      : `${box.value.trim()} ${words}`.trim()
    box.focus()
    // The theme reads the box on keyup, as if the word had been typed.
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
  }

  function panel() {
    const result = document.querySelector("[data-md-component=search-result]")
    if (!result) return null
    let element = result.querySelector(".tl-search-facets")
    if (!element) {
      element = document.createElement("div")
      element.className = "tl-search-facets"
      element.setAttribute("aria-label", "Narrow the results")
      element.setAttribute("role", "group")
      // Between the theme's count line and its list, which it empties on each answer.
      result.insertBefore(element, result.lastElementChild)
      element.addEventListener("click", ev => {
        const chip = ev.target.closest("button[data-facet]")
        if (!chip) return
        ev.preventDefault()
        toggle(chip.dataset.facet, chip.dataset.value)
      })
    }
    return element
  }

  function render(element, message, query) {
    const chosen = selected(query)
    element.replaceChildren()
    element.dataset.query = query  // answered: what tests and styles can wait on
    if (!message.total) return
    const total = document.createElement("p")
    total.className = "tl-search-facets__total"
    const events = message.total === 1 ? "1 event" : `${message.total} events`
    total.textContent = message.shown < message.total
      ? `${events} match; the ${message.shown} best are listed first` : events
    element.append(total)
    for (const [key, label] of FACETS) {
      const counts = Object.entries(message.facets[key] || {})
        .filter(([value, count]) => count > 0 || chosen.has(`${key}:${value.toLowerCase()}`))
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      // A facet every result shares narrows nothing, unless it is chosen.
      const useful = counts.filter(([value, count]) => count < message.total
        || chosen.has(`${key}:${value.toLowerCase()}`))
      if (!useful.length) continue
      const group = document.createElement("div")
      group.className = "tl-search-facets__group"
      const name = document.createElement("span")
      name.className = "tl-search-facets__name"
      name.textContent = label
      group.append(name)
      for (const [value, count] of useful.slice(0, SHOWN)) {
        const chip = document.createElement("button")
        chip.type = "button"
        chip.tabIndex = -1  // the theme's Tab closes search; typed facets reach the same
        chip.className = "tl-search-facets__chip md-tag"
        chip.dataset.facet = key
        chip.dataset.value = value
        const on = chosen.has(`${key}:${value.toLowerCase()}`)
        chip.setAttribute("aria-pressed", String(on))
        chip.textContent = `${value} `
        const number = document.createElement("span")
        number.className = "tl-search-facets__count"
        number.textContent = String(count)
        chip.append(number)
        group.append(chip)
      }
      element.append(group)
    }
  }

  // The theme reads the box on keyup only; text that comes without one (an input method,
  // a paste from the menu, dictation) is handed over the same way.
  document.addEventListener("input", ev => {
    if (ev.target instanceof HTMLInputElement && ev.target === input() && !ev.isComposing)
      ev.target.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
  })

  // Once the theme shows the results of a query and the reader pauses, ask the worker for
  // its facet counts (their files load only then, never before an answer).
  let asking = 0
  new MutationObserver(records => {
    // The facet chips are inside the results too: their own changes ask for nothing.
    if (records.every(record => record.target.closest?.(".tl-search-facets")
        || record.target.parentElement?.closest(".tl-search-facets"))) return
    clearTimeout(asking)
    asking = setTimeout(() => {
      const box = input()
      if (box) channel.postMessage({ counts: box.value })
    }, PAUSE_MS)
  }).observe(document.querySelector("[data-md-component=search-result]") || document.body,
             { childList: true, subtree: true })

  channel.addEventListener("message", ev => {
    if (typeof ev.data.query !== "string") return  // another panel's request
    const box = input()
    const element = panel()
    if (!box || !element || ev.data.query !== box.value) return  // another tab's query
    render(element, ev.data, box.value)
  })
})()
