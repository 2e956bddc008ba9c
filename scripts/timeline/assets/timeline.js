/* Timeline page behaviour: the newest/oldest-first toggle.
 * Runs on every page load, including mkdocs-material's instant navigation (document$). */
(function () {
  "use strict";

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

  function init() { initOrderToggle(document); }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
