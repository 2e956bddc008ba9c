/* The timeline page's toolbar: the newest/oldest-first order, the filters (chips, the
 * sentence that says what is shown, copy link, clear), the matches drawn from the index,
 * and the overview's links while filtering.
 *
 * Runs on every page load, including mkdocs-material's instant navigation (document$).
 * Without JavaScript the page lists every event, the toolbar stays hidden and a
 * <noscript> notice says why.
 *
 * Filtering works on all events, not only those printed on the page: the form points at
 * api/timeline.json, a compact index of every event, and matches are drawn from the
 * page's own <template> (the HTML lives in the site's templates, not here).
 *
 * The URL holds the whole state (?actor=…&tag=…&order=oldest), so a link shares it; the
 * home page's query is also kept in sessionStorage for the "Back to the timeline" links.
 */
(function () {
  "use strict";

  var FACETS = ["actor", "tag", "status", "year"];
  var PHONE = "(max-width: 600px)";
  var STORED_QUERY = "timeline-filters";  // read by timeline.js on the other pages
  var STORED_ORDER = "timeline-order";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  var indexCache = {};  // index URL -> Promise of the parsed index

  // -- small helpers ----------------------------------------------------------------------

  function each(list, callback) { Array.prototype.forEach.call(list, callback); }

  function plural(count, word) { return count + " " + word + (count === 1 ? "" : "s"); }

  /* "a", "a or b", "a, b or c": values of one facet match either way. */
  function joinOr(words) {
    if (words.length < 2) return words.join("");
    return words.slice(0, -1).join(", ") + " or " + words[words.length - 1];
  }

  /* Case and accents do not matter when finding a value by typing ("lena" finds "Léna"). */
  function folded(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function storeSafely(storage, key, value) {
    try { window[storage].setItem(key, value); } catch (e) { /* private mode, no storage */ }
  }

  function readSafely(storage, key) {
    try { return window[storage].getItem(key); } catch (e) { return null; }
  }

  // -- the URL: filters and order ---------------------------------------------------------

  function orderInUrl() {
    var order = new URLSearchParams(window.location.search).get("order");
    return order === "oldest" || order === "newest" ? order : null;
  }

  /* Our part of the query: the checked values, then the order when it is not the default. */
  function ownQuery(chosen, order) {
    var params = new URLSearchParams();
    FACETS.forEach(function (facet) {
      (chosen ? chosen[facet] : []).forEach(function (value) { params.append(facet, value); });
    });
    if (order === "oldest") params.set("order", "oldest");
    var query = params.toString();
    return query ? "?" + query : "";
  }

  /* Replace our parameters in the address, keeping any other (and the #fragment). */
  function writeUrl(chosen, order) {
    var params = new URLSearchParams(window.location.search);
    FACETS.concat(["order"]).forEach(function (name) { params.delete(name); });
    new URLSearchParams(ownQuery(chosen, order)).forEach(function (value, name) {
      params.append(name, value);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  // -- order toggle -----------------------------------------------------------------------

  function currentOrder(root) {
    var timeline = root.querySelector(".tl-timeline");
    return timeline && timeline.getAttribute("data-order") === "oldest" ? "oldest" : "newest";
  }

  function showOrder(root, order) {
    root.querySelector(".tl-timeline").setAttribute("data-order", order);
    each(root.querySelectorAll(".tl-order__button"), function (button) {
      button.setAttribute("aria-pressed", button.dataset.order === order ? "true" : "false");
    });
  }

  /* The URL wins over the reader's stored preference, so a shared link shows what its
     sender saw. onChange redraws and rewrites the URL. */
  function initOrder(root, onChange) {
    var group = root.querySelector(".tl-order");
    if (!group || !root.querySelector(".tl-timeline")) return;
    showOrder(root, orderInUrl() || (readSafely("localStorage", STORED_ORDER) === "oldest"
                                      ? "oldest" : "newest"));
    group.hidden = false;
    group.addEventListener("click", function (event) {
      var button = event.target.closest(".tl-order__button");
      if (!button || button.dataset.order === currentOrder(root)) return;
      showOrder(root, button.dataset.order);
      storeSafely("localStorage", STORED_ORDER, button.dataset.order);
      onChange();
    });
  }

  // -- the index and matching -------------------------------------------------------------

  function loadIndex(url) {
    if (!indexCache[url]) {
      indexCache[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
      indexCache[url].catch(function () { delete indexCache[url]; });  // retry next time
    }
    return indexCache[url];
  }

  /* The checked values of each facet, e.g. {actor: ["sergey-brin"], tag: [], ...}. */
  function selection(form) {
    var chosen = {};
    FACETS.forEach(function (facet) {
      chosen[facet] = Array.prototype.map.call(
        form.querySelectorAll('input[name="' + facet + '"]:checked'),
        function (input) { return input.value; });
    });
    return chosen;
  }

  function isEmpty(chosen) {
    return FACETS.every(function (facet) { return chosen[facet].length === 0; });
  }

  function valuesOf(event, facet) {
    if (facet === "actor") return event.actors;
    if (facet === "tag") return event.tags;
    if (facet === "status") return event.retracted ? [event.status, "retracted"] : [event.status];
    return [String(event.year)];
  }

  /* Within a facet any checked value matches; across facets all must match. */
  function matches(event, chosen, skipFacet) {
    return FACETS.every(function (facet) {
      if (facet === skipFacet || chosen[facet].length === 0) return true;
      var values = valuesOf(event, facet);
      return chosen[facet].some(function (value) { return values.indexOf(value) !== -1; });
    });
  }

  /* What the URL says: ?actor=sergey-brin&tag=midtraining (a facet may repeat). */
  function restoreFromUrl(form) {
    var params = new URLSearchParams(window.location.search);
    var any = false;
    each(form.querySelectorAll("input[type=checkbox]"), function (input) {
      input.checked = params.getAll(input.name).indexOf(input.value) !== -1;
      any = any || input.checked;
    });
    return any;
  }

  // -- drawing the matches ----------------------------------------------------------------

  /* "Example Times, Sample Wire + 2 more"; "" when the index has no publishers. */
  function reportedBy(event) {
    var names = event.publishers || [];
    var more = names.length - 2;
    return names.slice(0, 2).join(", ") + (more > 0 ? " + " + more + " more" : "");
  }

  function fillMeta(item, event) {
    var time = item.querySelector(".tl-date");
    var date = event.row_date;
    if (date) {
      time.textContent = date;
      time.setAttribute("datetime", event.date);
    } else {
      time.remove();  // the month heading says it all; an empty <time> would be invalid
    }
    var badge = item.querySelector(".tl-status");
    badge.textContent = event.status;
    badge.className = "tl-status tl-status--" + event.status;
    badge.title = "Status: " + event.status;
    if (event.retracted) item.querySelector(".tl-status--retracted").hidden = false;
    if (event.corrected) item.querySelector(".tl-status--corrected").hidden = false;
  }

  function fillLinks(container, slugs, names, pattern, className, separator) {
    slugs.forEach(function (slug, position) {
      if (position && separator) container.appendChild(document.createTextNode(separator));
      var a = document.createElement("a");
      a.className = className;
      a.href = pattern.replace("SLUG", slug);
      a.textContent = names[slug] || slug;
      container.appendChild(a);
    });
  }

  function fillEntry(template, event, form, index) {
    var item = template.content.firstElementChild.cloneNode(true);
    item.setAttribute("data-status", event.status);
    item.setAttribute("data-event", event.id);  // not an id: the full list has that one
    item.classList.toggle("tl-entry--retracted", Boolean(event.retracted));
    item.classList.toggle("tl-entry--key", Boolean(event.key));
    fillMeta(item, event);
    var link = item.querySelector(".tl-entry__title a");
    link.textContent = event.title;
    link.href = form.dataset.eventUrl.replace("SLUG", event.id);
    item.querySelector(".tl-entry__lede").textContent = event.lede;
    var reported = reportedBy(event);
    if (reported) item.querySelector(".tl-entry__publishers").textContent = reported;
    else item.querySelector(".tl-entry__reported").remove();
    fillLinks(item.querySelector(".tl-entry__actors"), event.actors, index.actors,
              form.dataset.actorUrl, "tl-actor", ", ");
    var tags = item.querySelector(".tl-entry__tags");
    if (event.tags.length === 0) tags.remove();
    else fillLinks(tags, event.tags, index.tags, form.dataset.tagUrl, "tl-tag", "");
    return item;
  }

  function monthKey(event) {
    return event.year + "-" + (event.month ? ("0" + event.month).slice(-2) : "undated");
  }

  function heading(level, text, id) {
    var element = document.createElement(level);
    element.textContent = text;
    if (id) element.id = id;
    return element;
  }

  /* The matches in the order shown, grouped under year and month headings like the static
     list. They are drawn in that order (not reversed by CSS) so that reading and Tab
     order follow what is seen. */
  function drawResults(root, form, index, found, order) {
    var results = root.querySelector(".tl-results");
    var template = root.querySelector(".tl-entry-template");
    var ordered = order === "oldest" ? found : found.slice().reverse();
    var yearSection = null, list = null, lastYear = null, lastMonth = null;
    results.textContent = "";
    ordered.forEach(function (event) {
      if (event.year !== lastYear) {
        yearSection = document.createElement("section");
        yearSection.className = "tl-year";
        yearSection.appendChild(heading("h2", String(event.year)));
        results.appendChild(yearSection);
        lastYear = event.year;
        lastMonth = null;
      }
      if (event.month !== lastMonth) {
        var monthSection = document.createElement("section");
        monthSection.className = "tl-month";
        var title = heading("h3", (event.month ? MONTHS[event.month - 1] : "Year only") +
                            " " + event.year, "match-" + monthKey(event));
        title.className = "tl-month__title";
        list = document.createElement("ol");
        list.className = "tl-list";
        monthSection.appendChild(title);
        monthSection.appendChild(list);
        yearSection.appendChild(monthSection);
        lastMonth = event.month;
      }
      list.appendChild(fillEntry(template, event, form, index));
    });
    markCommonStatus(results, found);
  }

  /* A status every match shares says nothing: the site's CSS makes it quiet. */
  function markCommonStatus(results, found) {
    var first = found.length ? found[0].status : null;
    var shared = first && found.every(function (event) { return event.status === first; });
    if (shared) results.setAttribute("data-common-status", first);
    else results.removeAttribute("data-common-status");
  }

  function updateCounts(form, index, chosen) {
    each(form.querySelectorAll("input[type=checkbox]"), function (input) {
      var count = 0;
      index.events.forEach(function (event) {
        if (valuesOf(event, input.name).indexOf(input.value) !== -1 &&
            matches(event, chosen, input.name)) count++;
      });
      var label = input.closest("label");
      label.querySelector(".tl-count").textContent = String(count);
      label.classList.toggle("tl-facet__none", count === 0 && !input.checked);
    });
  }

  /* The overview draws each month's matches over its total (--tl-m, data-matches). */
  function markOverview(root, found) {
    var overview = root.querySelector(".tl-overview");
    if (!overview) return;
    var perMonth = {};
    (found || []).forEach(function (event) {
      if (event.month) perMonth[monthKey(event)] = (perMonth[monthKey(event)] || 0) + 1;
    });
    overview.classList.toggle("tl-overview--filtered", Boolean(found));
    each(overview.querySelectorAll(".tl-overview__month"), function (month) {
      if (found) {
        var count = String(perMonth[month.dataset.month] || 0);
        month.style.setProperty("--tl-m", count);
        month.setAttribute("data-matches", count);
      } else {
        month.style.removeProperty("--tl-m");
        month.removeAttribute("data-matches");
      }
    });
  }

  // -- what is active: chips and the sentence ---------------------------------------------

  function checkedInputs(form) {
    var inputs = [];
    FACETS.forEach(function (facet) {
      each(form.querySelectorAll('input[name="' + facet + '"]:checked'), function (input) {
        inputs.push(input);
      });
    });
    return inputs;
  }

  function labelOf(input) {
    return input.closest("label").querySelector(".tl-facet__label").textContent;
  }

  function namesOf(form, facet) {
    return Array.prototype.map.call(
      form.querySelectorAll('input[name="' + facet + '"]:checked'), labelOf);
  }

  /* The status facet reads as "reported as disputed or denied", "retracted". */
  function statusWords(values) {
    var words = [];
    var as = values.filter(function (value) {
      return value !== "reported" && value !== "retracted";
    });
    if (values.indexOf("reported") !== -1) words.push("reported");
    if (as.length) words.push("reported as " + joinOr(as));
    if (values.indexOf("retracted") !== -1) words.push("retracted");
    return joinOr(words);
  }

  /* "involving Sergey Brin, tagged Midtraining, in 2026". */
  function describe(form) {
    var parts = [];
    var actors = namesOf(form, "actor"), tags = namesOf(form, "tag");
    var statuses = selection(form).status, years = namesOf(form, "year");
    if (actors.length) parts.push("involving " + joinOr(actors));
    if (tags.length) parts.push("tagged " + joinOr(tags));
    if (statuses.length) parts.push(statusWords(statuses));
    if (years.length) parts.push("in " + joinOr(years));
    return parts.join(", ");
  }

  function sentence(form, total, shown) {
    return plural(total, "event") + " \u2192 " + shown + ": " + describe(form) +
      (shown ? "" : ". No event matches all of these; remove a filter to see more.");
  }

  /* One removable chip per checked value, in the order of the facets. */
  function drawChips(toolbar, form) {
    var chips = toolbar.querySelector(".tl-chips");
    chips.textContent = "";
    checkedInputs(form).forEach(function (input) {
      var item = document.createElement("li");
      var chip = document.createElement("button");
      var facet = input.closest(".tl-facet").querySelector(".tl-facet__title").textContent;
      chip.type = "button";
      chip.className = "tl-chip";
      chip.dataset.name = input.name;
      chip.dataset.value = input.value;
      chip.setAttribute("aria-label", "Remove filter " + facet + ": " + labelOf(input));
      chip.appendChild(document.createTextNode(labelOf(input)));
      var cross = document.createElement("span");
      cross.className = "tl-chip__remove";
      cross.setAttribute("aria-hidden", "true");
      cross.textContent = "\u00d7";
      chip.appendChild(cross);
      item.appendChild(chip);
      chips.appendChild(item);
    });
  }

  function showActive(toolbar, form) {
    var count = checkedInputs(form).length;
    drawChips(toolbar, form);
    toolbar.querySelector(".tl-toolbar__active").hidden = count === 0;
    toolbar.querySelector(".tl-toolbar__hint").hidden = count !== 0;
    toolbar.querySelector(".tl-toolbar__expand-count").textContent = count ? "(" + count + ")" : "";
    toolbar.classList.toggle("tl-toolbar--active", count !== 0);
  }

  // -- applying the filters ---------------------------------------------------------------

  function showAll(root) {
    root.querySelector(".tl-static").hidden = false;
    root.querySelector(".tl-results").hidden = true;
    root.querySelector(".tl-results").textContent = "";
    root.querySelector(".tl-results").removeAttribute("data-common-status");
    root.querySelector(".tl-timeline").classList.remove("tl-timeline--filtered");
    markOverview(root, null);
  }

  function showMatches(root, form, index, chosen, status) {
    var found = index.events.filter(function (event) { return matches(event, chosen); });
    drawResults(root, form, index, found, currentOrder(root));
    root.querySelector(".tl-static").hidden = true;
    root.querySelector(".tl-results").hidden = false;
    root.querySelector(".tl-timeline").classList.add("tl-timeline--filtered");
    updateCounts(form, index, chosen);
    markOverview(root, found);
    status.textContent = sentence(form, index.events.length, found.length);
  }

  /* A link back to the timeline names the event the reader came from (#its-id); while
     filtering, that row of the full list is hidden, so go to its match instead, once. */
  function scrollToLinkedMatch(root, toolbar) {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id || toolbar.dataset.linkedMatch) return;
    toolbar.dataset.linkedMatch = "1";
    var match = root.querySelector('.tl-results [data-event="' + CSS.escape(id) + '"]');
    if (!match) return;
    var top = match.getBoundingClientRect().top + window.pageYOffset;
    window.scrollTo(0, Math.max(0, top - coveredTop(document) - 8));
  }

  /* Everything follows the form and the order: URL, stored query, chips, matches, counts.
     `announceClear` says whether clearing was the reader's doing (and worth saying). */
  function applyFilters(root, toolbar, form, announceClear) {
    var status = toolbar.querySelector(".tl-toolbar__status");
    var chosen = selection(form);
    var ticket = (toolbar.dataset.ticket = String(Number(toolbar.dataset.ticket || 0) + 1));
    var cached = indexCache[form.dataset.index];
    writeUrl(chosen, currentOrder(root));
    storeSafely("sessionStorage", STORED_QUERY, ownQuery(chosen, currentOrder(root)));
    showActive(toolbar, form);
    if (isEmpty(chosen)) {
      showAll(root);
      status.textContent = "";
      if (cached) {
        cached.then(function (index) {
          updateCounts(form, index, chosen);
          if (announceClear) {
            status.textContent = "Showing all " + plural(index.events.length, "event") + ".";
          }
        });
      }
      return;
    }
    status.textContent = "Filtering\u2026";
    loadIndex(form.dataset.index).then(function (index) {
      if (toolbar.dataset.ticket !== ticket) return;  // the reader changed it while loading
      showMatches(root, form, index, chosen, status);
      scrollToLinkedMatch(root, toolbar);
    }).catch(function () {
      if (toolbar.dataset.ticket !== ticket) return;
      showAll(root);
      status.textContent = "The filters could not load the list of events; " +
        "every event is still listed below and on the year pages.";
    });
  }

  // -- keyboard: one Tab stop per facet group ---------------------------------------------

  function visibleBoxes(group) {
    return Array.prototype.filter.call(group.querySelectorAll("input[type=checkbox]"),
      function (input) { return !input.closest("li").hidden; });
  }

  /* The box that takes Tab: the one last focused if still visible, else the first
     checked, else the first. */
  function setTabStop(group, preferred) {
    var boxes = visibleBoxes(group);
    var stop = boxes.indexOf(preferred) !== -1 ? preferred
      : boxes.filter(function (input) { return input.checked; })[0] || boxes[0];
    each(group.querySelectorAll("input[type=checkbox]"), function (input) {
      input.tabIndex = input === stop ? 0 : -1;
    });
  }

  var MOVES = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

  function onGroupKey(event) {
    var group = event.currentTarget;
    var boxes = visibleBoxes(group);
    if (event.target.classList.contains("tl-facet__find-input")) {
      if (event.key === "ArrowDown" && boxes.length) { event.preventDefault(); boxes[0].focus(); }
      return;
    }
    var at = boxes.indexOf(event.target);
    if (at === -1) return;
    var next = null;
    if (event.key in MOVES) next = boxes[(at + MOVES[event.key] + boxes.length) % boxes.length];
    else if (event.key === "Home") next = boxes[0];
    else if (event.key === "End") next = boxes[boxes.length - 1];
    if (!next) return;
    event.preventDefault();
    setTabStop(group, next);
    next.focus();
  }

  function initKeyboard(form) {
    each(form.querySelectorAll(".tl-facet"), function (group) {
      setTabStop(group, null);
      group.addEventListener("keydown", onGroupKey);
      group.addEventListener("focusin", function (event) {
        if (event.target.type === "checkbox") setTabStop(group, event.target);
      });
    });
  }

  // -- type-to-find -----------------------------------------------------------------------

  function findValues(group, input) {
    var query = folded(input.value);
    var items = group.querySelectorAll(".tl-facet__values > li");
    var shown = 0;
    each(items, function (item) {
      var name = folded(item.querySelector(".tl-facet__label").textContent);
      item.hidden = query !== "" && name.indexOf(query) === -1;
      if (!item.hidden) shown++;
    });
    var found = group.querySelector(".tl-facet__found");
    var title = group.querySelector(".tl-facet__title").textContent.toLowerCase();
    found.textContent = query === "" ? "" : shown === 0 ? "No " + title + " matches \u201c" +
      input.value.trim() + "\u201d." : shown + " of " + items.length + " shown.";
    setTabStop(group, null);
  }

  function initFind(form) {
    each(form.querySelectorAll(".tl-facet__find-input"), function (input) {
      var group = input.closest(".tl-facet");
      input.addEventListener("input", function () { findValues(group, input); });
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") event.preventDefault();  // not a submit
        if (event.key === "Escape" && input.value) {
          input.value = "";
          findValues(group, input);
        }
      });
    });
  }

  // -- chips, copy link, clear, collapsing ------------------------------------------------

  function initChips(root, toolbar, form) {
    toolbar.querySelector(".tl-chips").addEventListener("click", function (event) {
      var chip = event.target.closest(".tl-chip");
      if (!chip) return;
      var position = Array.prototype.indexOf.call(toolbar.querySelectorAll(".tl-chip"), chip);
      var input = form.querySelector('input[name="' + chip.dataset.name + '"][value="' +
                                     CSS.escape(chip.dataset.value) + '"]');
      input.checked = false;
      applyFilters(root, toolbar, form, true);
      // Keep the keyboard where it was: the next chip, or the first facet once none is left.
      var chips = toolbar.querySelectorAll(".tl-chip");
      var target = chips[Math.min(position, chips.length - 1)] ||
        form.querySelector('input[type=checkbox][tabindex="0"]');
      if (target) target.focus();
    });
  }

  function initCopy(toolbar) {
    var button = toolbar.querySelector(".tl-toolbar__copy");
    if (!navigator.clipboard || !navigator.clipboard.writeText) return;  // stays hidden
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(window.location.href).then(function () {
        button.textContent = "Copied";
      }, function () {
        button.textContent = "Could not copy: copy the address instead";
      });
      window.clearTimeout(Number(button.dataset.timer));
      button.dataset.timer = String(window.setTimeout(function () {
        button.textContent = "Copy link";
      }, 2000));
    });
  }

  /* What covers the top of the page while scrolling: the theme's header and, when the
     page makes it sticky, the overview. */
  function coveredTop(root) {
    function sticks(element) {
      var position = element && window.getComputedStyle(element).position;
      return position === "sticky" || position === "fixed";
    }
    var header = root.querySelector(".md-header");
    var overview = root.querySelector(".tl-overview");
    return (sticks(header) ? header.offsetHeight : 0) +
      (sticks(overview) ? overview.offsetHeight : 0);
  }

  /* Everything above the toolbar (title, key developments, overview) fills a phone's
     first screen; a shared link is about its matches, so it opens at the toolbar. */
  function scrollToToolbar(toolbar) {
    var top = toolbar.getBoundingClientRect().top + window.pageYOffset;
    window.scrollTo(0, Math.max(0, top - coveredTop(document) - 8));
  }

  /* On a phone, a shared filtered link opens with the filters folded away and the page
     at the toolbar, so the first match is on the first screen; the bar keeps the chips
     and the sentence. */
  function initCollapse(toolbar, fromLink) {
    var button = toolbar.querySelector(".tl-toolbar__expand");
    function fold(folded) {
      toolbar.classList.toggle("tl-toolbar--collapsed", folded);
      button.setAttribute("aria-expanded", folded ? "false" : "true");
    }
    var folded = fromLink && window.matchMedia(PHONE).matches;
    fold(folded);
    if (folded && !window.location.hash) scrollToToolbar(toolbar);
    button.addEventListener("click", function () {
      fold(button.getAttribute("aria-expanded") === "true");
    });
  }

  function initFilters(root) {
    var toolbar = root.querySelector(".tl-toolbar:not(.tl-toolbar--order)");
    var form = root.querySelector(".tl-toolbar__form");
    if (!toolbar || !form || !window.fetch || !window.URLSearchParams) return false;
    if (toolbar.dataset.ready) return true;
    toolbar.dataset.ready = "1";
    toolbar.hidden = false;
    var fromLink = restoreFromUrl(form);
    // Only the page as opened goes to a linked match; later filtering leaves the scroll be.
    toolbar.dataset.linkedMatch = fromLink ? "" : "1";
    initKeyboard(form);
    initFind(form);
    initChips(root, toolbar, form);
    initCopy(toolbar);
    initCollapse(toolbar, fromLink);
    form.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") applyFilters(root, toolbar, form, true);
    });
    form.addEventListener("reset", function () {
      // Clear hides itself with the chips: the keyboard goes on to the first facet.
      var fromClear = toolbar.querySelector(".tl-toolbar__active").contains(document.activeElement);
      // The form clears its boxes after this event; apply once it has.
      window.setTimeout(function () {
        each(form.querySelectorAll(".tl-facet__find-input"), function (input) {
          findValues(input.closest(".tl-facet"), input);
        });
        each(form.querySelectorAll(".tl-facet"), function (group) { setTabStop(group, null); });
        applyFilters(root, toolbar, form, true);
        var first = form.querySelector('input[type=checkbox][tabindex="0"]');
        if (fromClear && first) first.focus();
      }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    initOrder(root, function () { applyFilters(root, toolbar, form, false); });
    applyFilters(root, toolbar, form, false);
    return true;
  }

  /* A year page has only the order: it keeps it in its own URL. */
  function initOrderOnly(root) {
    initOrder(root, function () { writeUrl(null, currentOrder(root)); });
    if (root.querySelector(".tl-order")) writeUrl(null, currentOrder(root));
  }

  /* While filtering, a month of the overview scrolls to that month among the matches. */
  function initOverview(root) {
    var overview = root.querySelector(".tl-overview");
    if (!overview || overview.dataset.ready) return;
    overview.dataset.ready = "1";
    overview.addEventListener("click", function (event) {
      var link = event.target.closest("a");
      var results = root.querySelector(".tl-results");
      if (!link || !results || results.hidden) return;
      var month = link.closest(".tl-overview__month");
      var target = month && document.getElementById("match-" + month.dataset.month);
      event.preventDefault();
      if (!target) return;
      // Below whatever sticks at the top (header, the overview itself), not under it.
      var top = target.getBoundingClientRect().top + window.pageYOffset;
      window.scrollTo(0, Math.max(0, top - coveredTop(document) - 8));
    });
  }

  function init() {
    if (!initFilters(document)) initOrderOnly(document);
    initOverview(document);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
