// Renders every chart (a Vega-Lite spec in data-spec) with vega-embed, on load and after
// htmx swaps in new results. Numbers use the Norwegian format: 12 767 437.
(function () {
  "use strict";
  var locale = { decimal: ",", thousands: "\u00a0", grouping: [3], currency: ["", "\u00a0kr"], minus: "\u2212" };

  function render(root) {
    if (typeof vegaEmbed !== "function") return;
    (root || document).querySelectorAll(".chart[data-spec]").forEach(function (el) {
      var spec = JSON.parse(el.getAttribute("data-spec"));
      vegaEmbed(el, spec, { actions: false, renderer: "svg", formatLocale: locale })
        .then(function () {
          // The container is role="img" with a name, and the numbers are in a table beside it;
          // the SVG's own roles would only repeat them without names.
          var svg = el.querySelector("svg");
          if (svg) svg.setAttribute("aria-hidden", "true");
          el.setAttribute("data-rendered", "true");
        })
        .catch(function (err) { el.textContent = "Diagrammet kunne ikke vises: " + err.message; });
    });
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

  document.addEventListener("DOMContentLoaded", function () { render(document); });
  document.addEventListener("htmx:afterSwap", function (event) { render(event.target); });
})();
