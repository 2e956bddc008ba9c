/* Behaviour of every page: copy buttons and fixes to the theme's accessibility. The
 * timeline page's toolbar (order, filters) is filters.js.
 *
 * Runs on every page load, including mkdocs-material's instant navigation (document$).
 */
(function () {
  "use strict";

  /* The theme's search dialog has no accessible name (axe: aria-dialog-name); give it one. */
  function nameThemeLandmarks(root) {
    var search = root.querySelector('.md-search[role="dialog"]:not([aria-label])');
    if (search) search.setAttribute("aria-label", "Search");
  }

  /* A wide table scrolls sideways inside the theme's wrapper; keyboard users can only
     scroll it if the wrapper takes focus (axe: scrollable-region-focusable). */
  function focusableScrollingTables(root) {
    root.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrapper) {
      var table = wrapper.querySelector("table");
      if (wrapper.scrollWidth > wrapper.clientWidth && !wrapper.hasAttribute("tabindex")) {
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", (table && table.querySelector("th")) ?
          "Table: " + table.querySelector("th").textContent.trim() : "Table");
      }
    });
  }

  /* "Copy citation" and "Copy BibTeX": hidden without a script (the text can still be
     selected); the button says for a moment whether copying worked. */
  function initCopyButtons(root) {
    root.querySelectorAll("button[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.dataset.copy);
      if (!source || !navigator.clipboard || button.dataset.ready) return;
      button.dataset.ready = "1";
      button.hidden = false;
      var label = button.textContent;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.textContent).then(function () {
          button.textContent = "Copied";
        }, function () {
          button.textContent = "Could not copy: select the text instead";
        });
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  }

  /* "Back to the timeline" returns to the timeline as the reader left it: filters.js keeps
     the home page's filters and order in sessionStorage. */
  function keepFiltersOnBackLinks(root) {
    var query = "";
    try { query = window.sessionStorage.getItem("timeline-filters") || ""; } catch (e) { return; }
    if (!query) return;
    // Only the home page has filters; a link to a year page stays as it is.
    root.querySelectorAll("a.tl-back__link[data-keeps-filters]").forEach(function (link) {
      var url = new URL(link.getAttribute("href"), window.location.href);
      link.setAttribute("href", url.pathname + query + url.hash);
    });
  }

  /* The time axis shrinks to its names and counts once the list scrolls under it. */
  function compactStickyAxis(root) {
    var axis = root.querySelector(".tl-overview");
    if (!axis || !window.IntersectionObserver || axis.dataset.watched) return;
    axis.dataset.watched = "1";
    var marker = document.createElement("div");
    marker.className = "tl-overview__sentinel";
    marker.setAttribute("aria-hidden", "true");
    axis.parentNode.insertBefore(marker, axis);
    new IntersectionObserver(function (entries) {
      var stuck = !entries[0].isIntersecting && entries[0].boundingClientRect.top < 0;
      axis.classList.toggle("tl-overview--stuck", stuck);
    }, { rootMargin: "-48px 0px 0px 0px" }).observe(marker);
  }

  function init() {
    keepFiltersOnBackLinks(document);
    compactStickyAxis(document);
    initCopyButtons(document);
    nameThemeLandmarks(document);
    focusableScrollingTables(document);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
