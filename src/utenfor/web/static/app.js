// The page's small behaviours: focus links, stale error messages, scrollable tables, and the
// "utenfor:painted" event. The charts are SVG drawn on the server (utenfor.reports.svg), so
// no charting library runs here.
(function () {
  "use strict";

  // When new results are swapped in and the next frame is painted, the page says so with the
  // event "utenfor:painted" (bench/browser.py times keystroke to painted with it).
  function painted() {
    requestAnimationFrame(function () {
      setTimeout(function () { document.dispatchEvent(new CustomEvent("utenfor:painted")); }, 0);
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

  document.addEventListener("DOMContentLoaded", function () { scrollers(); painted(); });
  document.addEventListener("htmx:afterSwap", function (event) {
    scrollers(event.target);
    painted();
  });
  window.addEventListener("resize", function () { scrollers(); });
})();

// "Velg et dokumentert tiltak" (issue 33, web/evidence_choice.py): the chosen programme fills
// the share with (share without + its middle value; the share without, if empty, gets the
// programme's base share or 50) and the what-if spread of the success rate, names the source,
// and the form recalculates as if typed.
(function () {
  "use strict";
  function number(text) {
    var value = parseFloat(String(text || "").replace(/\s/g, "").replace(",", "."));
    return isFinite(value) ? value : null;
  }
  function typed(value) { return String(Math.round(value * 100) / 100).replace(".", ","); }
  function set(name, value) {
    var field = document.querySelector("#skjema [name='" + name + "']");
    if (field) field.value = typed(value);
  }
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select || select.id !== "f-evidence_id") return;
    var option = select.options[select.selectedIndex];
    var source = document.getElementById("evidence-source");
    if (!option || !option.value) { if (source) source.textContent = ""; return; }
    var d = option.dataset;
    var withoutField = document.querySelector("#skjema [name='share_without_pct']");
    var without = number(withoutField && withoutField.value);
    if (without === null) {
      without = number(d.evidenceBase);
      if (without === null) without = 50;
      set("share_without_pct", without);
    }
    set("share_with_pct", Math.min(100, without + number(d.evidenceMid)));
    set("unc_success_low", number(d.evidenceLow));
    set("unc_success_high", number(d.evidenceHigh));
    if (source) {
      source.textContent = (select.getAttribute("data-source-label") || "Kilde:") + " " +
        d.evidenceSource + " (" + d.evidenceUrl + ")";
    }
    var withField = document.querySelector("#skjema [name='share_with_pct']");
    if (withField) withField.dispatchEvent(new Event("change", { bubbles: true }));
  });
})();
