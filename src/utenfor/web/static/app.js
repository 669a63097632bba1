// Renders every chart (a Vega-Lite spec in data-spec) with vega-embed, on load and after
// htmx swaps in new results. Numbers use the Norwegian format: 12 767 437.
(function () {
  "use strict";
  var locale = { decimal: ",", thousands: "\u00a0", grouping: [3], currency: ["", "\u00a0kr"], minus: "\u2212" };

  function draw(el) {
    var spec = JSON.parse(el.getAttribute("data-spec"));
    return vegaEmbed(el, spec, { actions: false, renderer: "svg", formatLocale: locale })
      .then(function () {
        // The container is role="img" with a name, and the numbers are in a table beside it;
        // the SVG's own roles would only repeat them without names.
        var svg = el.querySelector("svg");
        if (svg) svg.setAttribute("aria-hidden", "true");
        el.setAttribute("data-rendered", "true");
      })
      .catch(function (err) { el.textContent = "Diagrammet kunne ikke vises: " + err.message; });
  }

  function inView(el) {
    var box = el.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  }

  // The charts in view are drawn at once; the rest one by one after the page has painted, so
  // a keystroke's new figures appear as fast as the ones the user sees can be drawn.
  var later = [];
  function render(root) {
    if (typeof vegaEmbed !== "function") return;
    var charts = Array.prototype.slice.call((root || document).querySelectorAll(".chart[data-spec]"));
    later = charts.filter(function (el) { return !inView(el); });
    // When the charts in view are drawn and the next frame is painted, the page says so with
    // the event "utenfor:painted" (bench/browser.py times keystroke to painted with it); then
    // the others are drawn.
    Promise.allSettled(charts.filter(inView).map(draw)).then(function () {
      requestAnimationFrame(function () {
        setTimeout(function () {
          document.dispatchEvent(new CustomEvent("utenfor:painted"));
          drawLater();
        }, 0);
      });
    });
  }

  function drawLater() {
    var el = later.shift();
    if (!el) return;
    if (!el.isConnected) { setTimeout(drawLater, 0); return; }
    draw(el).then(function () { setTimeout(drawLater, 0); });
  }

  // A field's error message from a full-page submit is stale once the field is edited; the
  // results panel lists what is still missing.
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.name || field.getAttribute("aria-invalid") !== "true") return;
    field.removeAttribute("aria-invalid");
    var message = document.getElementById("e-" + field.name);
    if (message) message.remove();
  });

  // A link in a list of what must be corrected moves focus to its field, opening the section
  // the field is folded into (a plain #link cannot reach into a closed <details>).
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-focus]") : null;
    var field = link && document.getElementById(link.getAttribute("data-focus"));
    if (!field) return;
    event.preventDefault();
    // Designsystemet animates a <details> opening; what is inside takes focus only when it
    // is shown, so try each frame for up to a second.
    var frames = 60;
    function go() {
      field.focus();
      if (document.activeElement !== field && frames-- > 0) return requestAnimationFrame(go);
      field.scrollIntoView({ block: "center" });
    }
    var folded = field.closest("details");
    if (folded) folded.open = true;
    go();
  });

  // A table wider than its column scrolls inside it; such a region must be reachable with
  // the keyboard, and named (its caption), so it can be scrolled without a mouse.
  function scrollers(root) {
    (root || document).querySelectorAll(".table-scroll").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent : "Tabell");
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { render(document); scrollers(); });
  document.addEventListener("htmx:afterSwap", function (event) {
    render(event.target);
    scrollers(event.target);
  });
  window.addEventListener("resize", function () { scrollers(); });
})();
