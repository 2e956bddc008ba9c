/* The timeline page's toolbar: the newest/oldest-first toggle, the filters and the
 * overview's links while filtering.
 *
 * Runs on every page load, including mkdocs-material's instant navigation (document$).
 * Without JavaScript the page lists every event and the filters stay hidden.
 *
 * Filtering works on all events, not only those printed on the page: the page's form
 * points at api/timeline.json, a compact index of every event, and matches are drawn
 * from the page's own <template> (the HTML lives in the site's templates, not here).
 */
(function () {
  "use strict";

  var FACETS = ["actor", "tag", "status", "year"];
  var indexCache = {};  // index URL -> Promise of the parsed index

  // -- order toggle -----------------------------------------------------------------------

  function initOrderToggle(root) {
    var timeline = root.querySelector(".tl-timeline");
    var button = root.querySelector(".tl-order-toggle");
    if (!timeline || !button) return;
    var stored = window.localStorage && localStorage.getItem("timeline-order");
    function apply(order) {
      timeline.setAttribute("data-order", order);
      button.setAttribute("aria-pressed", order === "oldest" ? "true" : "false");
      button.textContent = order === "oldest" ? "Show newest first" : "Show oldest first";
    }
    apply(stored === "oldest" ? "oldest" : "newest");
    button.hidden = false;
    button.addEventListener("click", function () {
      var next = timeline.getAttribute("data-order") === "oldest" ? "newest" : "oldest";
      apply(next);
      try { localStorage.setItem("timeline-order", next); } catch (e) { /* private mode */ }
    });
  }

  // -- filters ----------------------------------------------------------------------------

  function loadIndex(url) {
    if (!indexCache[url]) {
      indexCache[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
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
    form.querySelectorAll("input[type=checkbox]").forEach(function (input) {
      input.checked = params.getAll(input.name).indexOf(input.value) !== -1;
      any = any || input.checked;
    });
    return any;
  }

  function writeToUrl(chosen) {
    var params = new URLSearchParams(window.location.search);
    FACETS.forEach(function (facet) {
      params.delete(facet);
      chosen[facet].forEach(function (value) { params.append(facet, value); });
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  function fillEntry(template, event, form, index) {
    var item = template.content.firstElementChild.cloneNode(true);
    item.setAttribute("data-status", event.status);
    var time = item.querySelector(".tl-date");
    time.textContent = event.display_date;
    time.setAttribute("datetime", event.date);
    var badge = item.querySelector(".tl-status");
    badge.textContent = event.status;
    badge.className = "tl-status tl-status--" + event.status;
    badge.title = "Status: " + event.status;
    if (event.retracted) item.querySelector(".tl-status--retracted").hidden = false;
    if (event.corrected) item.querySelector(".tl-status--corrected").hidden = false;
    var link = item.querySelector(".tl-entry__title a");
    link.textContent = event.title;
    link.href = form.dataset.eventUrl.replace("SLUG", event.id);
    item.querySelector(".tl-entry__summary").textContent = event.summary;
    var actors = item.querySelector(".tl-entry__actors");
    event.actors.forEach(function (slug, position) {
      if (position) actors.appendChild(document.createTextNode(", "));
      var a = document.createElement("a");
      a.className = "tl-actor";
      a.href = form.dataset.actorUrl.replace("SLUG", slug);
      a.textContent = index.actors[slug] || slug;
      actors.appendChild(a);
    });
    var tags = item.querySelector(".tl-entry__tags");
    if (event.tags.length === 0) tags.remove();
    event.tags.forEach(function (slug) {
      var a = document.createElement("a");
      a.className = "tl-tag";
      a.href = form.dataset.tagUrl.replace("SLUG", slug);
      a.textContent = index.tags[slug] || slug;
      tags.appendChild(a);
    });
    item.querySelector(".tl-entry__sources").textContent =
      event.sources + (event.sources === 1 ? " source" : " sources");
    return item;
  }

  function monthName(month) {
    if (!month) return "Year only";
    return new Date(Date.UTC(2000, month - 1, 1)).toLocaleString("en", {
      month: "long", timeZone: "UTC" });
  }

  /* The matching events, newest first, grouped like the static timeline. */
  function drawResults(root, form, index, found) {
    var results = root.querySelector(".tl-results");
    var template = root.querySelector(".tl-entry-template");
    results.textContent = "";
    var yearSection = null, monthList = null, lastYear = null, lastMonth = null;
    found.slice().reverse().forEach(function (event) {
      if (event.year !== lastYear) {
        yearSection = document.createElement("section");
        yearSection.className = "tl-year";
        var h2 = document.createElement("h2");
        h2.textContent = String(event.year);
        yearSection.appendChild(h2);
        results.appendChild(yearSection);
        lastYear = event.year;
        lastMonth = null;
      }
      if (event.month !== lastMonth) {
        var monthSection = document.createElement("section");
        monthSection.className = "tl-month";
        var h3 = document.createElement("h3");
        h3.className = "tl-month__title";
        h3.id = "match-" + event.year + "-" + (event.month ? ("0" + event.month).slice(-2)
                                                          : "undated");
        h3.textContent = monthName(event.month) + " " + event.year;
        monthList = document.createElement("ol");
        monthList.className = "tl-list";
        monthSection.appendChild(h3);
        monthSection.appendChild(monthList);
        yearSection.appendChild(monthSection);
        lastMonth = event.month;
      }
      monthList.appendChild(fillEntry(template, event, form, index));
    });
  }

  function updateCounts(form, index, chosen) {
    form.querySelectorAll("input[type=checkbox]").forEach(function (input) {
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

  function markOverview(root, found) {
    var overview = root.querySelector(".tl-overview");
    if (!overview) return;
    var perMonth = {};
    (found || []).forEach(function (event) {
      if (!event.month) return;
      var key = event.year + "-" + ("0" + event.month).slice(-2);
      perMonth[key] = (perMonth[key] || 0) + 1;
    });
    overview.classList.toggle("tl-overview--filtered", Boolean(found));
    overview.querySelectorAll(".tl-overview__month").forEach(function (month) {
      month.style.setProperty("--tl-m", String(perMonth[month.dataset.month] || 0));
    });
  }

  function showAll(root, form, status) {
    root.querySelector(".tl-static").hidden = false;
    root.querySelector(".tl-results").hidden = true;
    root.querySelector(".tl-results").textContent = "";
    status.textContent = "";
    markOverview(root, null);
  }

  function applyFilters(root, form, status) {
    var chosen = selection(form);
    writeToUrl(chosen);
    if (isEmpty(chosen)) {
      showAll(root, form, status);
      if (indexCache[form.dataset.index]) {
        indexCache[form.dataset.index].then(function (index) {
          updateCounts(form, index, chosen);
        });
      }
      return;
    }
    status.textContent = "Filtering…";
    loadIndex(form.dataset.index).then(function (index) {
      chosen = selection(form);  // the reader may have clicked on while it loaded
      if (isEmpty(chosen)) { showAll(root, form, status); updateCounts(form, index, chosen); return; }
      var found = index.events.filter(function (event) { return matches(event, chosen); });
      drawResults(root, form, index, found);
      root.querySelector(".tl-static").hidden = true;
      root.querySelector(".tl-results").hidden = false;
      updateCounts(form, index, chosen);
      markOverview(root, found);
      status.textContent = found.length + " of " + index.events.length + " events match" +
        (found.length ? "." : ". Reset the filters to see every event.");
    }).catch(function () {
      status.textContent = "The filters could not load the list of events; " +
        "every event is still listed below and on the year pages.";
      showAll(root, form, { textContent: "" });
    });
  }

  function initFilters(root) {
    var details = root.querySelector(".tl-filters");
    var form = root.querySelector(".tl-filters__form");
    var status = root.querySelector(".tl-filters__status");
    if (!details || !form || !status || !window.fetch || !window.URLSearchParams) return;
    details.hidden = false;
    if (restoreFromUrl(form)) details.open = true;
    form.addEventListener("change", function () { applyFilters(root, form, status); });
    form.addEventListener("reset", function () {
      // The form clears its boxes after this event; apply once it has.
      window.setTimeout(function () { applyFilters(root, form, status); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    applyFilters(root, form, status);
  }

  /* While filtering, a month of the overview scrolls to that month among the matches. */
  function initOverview(root) {
    var overview = root.querySelector(".tl-overview");
    if (!overview) return;
    overview.addEventListener("click", function (event) {
      var link = event.target.closest("a");
      var results = root.querySelector(".tl-results");
      if (!link || !results || results.hidden) return;
      var month = link.closest(".tl-overview__month").dataset.month;
      var target = document.getElementById("match-" + month);
      event.preventDefault();
      if (target) target.scrollIntoView({ block: "start" });
    });
  }

  function init() {
    initOrderToggle(document);
    initFilters(document);
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
