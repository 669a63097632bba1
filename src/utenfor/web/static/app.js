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
    if (message) { message.hidden = true; message.textContent = ""; }
  });

  // The year tables' answer brings the start year's and the number of years' messages (out of
  // band); a field is marked invalid exactly while its message shows.
  function invalidity() {
    document.querySelectorAll("#skjema .ds-validation-message[id^='e-']").forEach(function (m) {
      var field = document.getElementById("f-" + m.id.slice(2));
      if (!field) return;
      if (m.hidden) field.removeAttribute("aria-invalid");
      else field.setAttribute("aria-invalid", "true");
    });
  }

  // Leaving a page with edits not saved asks first (issue 31, item 3): only once something in
  // a form marked data-unsaved was changed, and not after it was sent (a download keeps them
  // unsaved).
  var changed = false;
  function edited(event) {
    var form = event.target.form;
    if (form && form.hasAttribute("data-unsaved")) changed = true;
  }
  document.addEventListener("input", edited);
  document.addEventListener("change", edited);
  document.addEventListener("submit", function (event) {
    var to = event.submitter && event.submitter.getAttribute("formaction");
    if (!to || to.indexOf("/eksport/") !== 0) changed = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (!changed) return;
    event.preventDefault();
    event.returnValue = "";
  });

  // The language switch on the calculation page takes the form along (POST /beregn with
  // sprak=...), so nothing typed is lost; elsewhere it is the plain link.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-lang]") : null;
    var form = document.getElementById("skjema");
    if (!link || !form) return;
    event.preventDefault();
    var lang = document.createElement("input");
    lang.type = "hidden";
    lang.name = "sprak";
    lang.value = link.getAttribute("data-lang");
    form.appendChild(lang);
    form.setAttribute("action", "/beregn");
    changed = false;
    form.submit();
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
  // the keyboard, and named (its caption), so it can be scrolled without a mouse. Widths are
  // read in a ResizeObserver, after the browser has laid the page out anyway: reading them
  // right after a swap would make it lay out the page an extra time (issue 32), and would lay
  // out figures that are off screen (content-visibility: auto).
  function mark(box) {
    var wide = box.scrollWidth > box.clientWidth + 1;
    if (wide === box.hasAttribute("tabindex")) return;
    if (wide) {
      var caption = box.querySelector("caption");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      // Without a caption, a number keeps each region's name unique on the page.
      var all = Array.prototype.indexOf.call(document.querySelectorAll(".table-scroll"), box);
      box.setAttribute("aria-label", caption ? caption.textContent : "Tabell " + (all + 1));
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
  var sizes = window.ResizeObserver ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { mark(entry.target); });
  }) : null;
  function scrollers(root, stop) {
    (root || document).querySelectorAll(".table-scroll").forEach(function (box) {
      if (!sizes) return stop || mark(box);
      if (stop) sizes.unobserve(box); else sizes.observe(box);
    });
  }
  // The results panel's old content goes at once, before htmx swaps in the new: htmx would
  // visit each of its ~600 elements with two events (htmx:beforeCleanupElement) to undo what
  // htmx set up there, 10 ms a keystroke (issue 32), and there is nothing: the panel's answer
  // holds no hx- attribute (tests/test_result_panel_html.py; checked here too, but for hx-on,
  // which no selector can find). Only for the form's own plain swap, at once: not with a swap
  // delay, a view transition, a history entry, or a response that changes how or where it is
  // swapped; and not while something in the panel has the focus, which htmx gives back to the
  // new element of the same id.
  var HTMX = ["get", "post", "put", "patch", "delete", "trigger", "ext", "preserve", "boost"]
    .map(function (a) { return "[hx-" + a + "],[data-hx-" + a + "]"; }).join(",");
  var RESPONSE = ["HX-Reswap", "HX-Retarget", "HX-Reselect", "HX-Push-Url", "HX-Replace-Url"];
  function plainSwap(detail) {
    var from = detail.elt, spec = from && from.closest("[hx-swap]");
    return detail.shouldSwap && !detail.swapOverride && !detail.selectOverride &&
      !/swap:|transition/.test(spec ? spec.getAttribute("hx-swap") : "") &&
      !(from && from.closest("[hx-push-url],[hx-replace-url],[hx-select]")) &&
      !RESPONSE.some(function (h) { return detail.xhr && detail.xhr.getResponseHeader(h); });
  }
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    scrollers(target, true);  // what is swapped out is no longer watched
    if (target.id === "resultat" && plainSwap(event.detail) &&
        !target.contains(document.activeElement) && !target.querySelector(HTMX)) {
      target.replaceChildren();
    }
  });

  // The what-if section is computed in a request of its own, and only while it is open: new
  // headline figures make it stale, and it is asked for again at once if open, or when opened.
  function whatIf(box) {
    if (!box || !box.open || box.dataset.stale !== "1" || !window.htmx) return;
    box.dataset.stale = "";
    box.setAttribute("aria-busy", "true");
    htmx.trigger(document.getElementById("hva-om-innhold"), "utenfor:whatif");
  }
  document.addEventListener("toggle", function (event) {
    if (event.target.id === "hva-om-boks") whatIf(event.target);
  }, true);  // toggle does not bubble

  document.addEventListener("DOMContentLoaded", function () { scrollers(); painted(); });
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.target;  // an out-of-band swap (step 2's line) fires on its own element
    scrollers(target);
    invalidity();
    var box = document.getElementById("hva-om-boks");
    if (target.id === "resultat") {  // new headline figures (not step 2's line, swapped with them)
      painted();
      if (box) {
        box.dataset.stale = "1";
        whatIf(box);
      }
    } else if (target.id === "hva-om-innhold" && box) {
      box.removeAttribute("aria-busy");
    }
  });
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
