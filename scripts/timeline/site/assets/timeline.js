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

  function init() {
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
