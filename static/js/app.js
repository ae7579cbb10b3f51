// officemgr: small behaviours shared by every page.
(function () {
  "use strict";
  // The Content-Security-Policy refuses inline scripts and style="" attributes. Computed styles (a
  // leave type's colour, a booking's place on the day grid, a spot on a floor plan) come as
  // data-style="left: 10%; width: 5%;" and are set here through the CSSOM, which the policy allows;
  // only these properties, so injected markup could not restyle a page at will.
  var STYLE_PROPERTIES = ["left", "top", "width", "height", "background", "background-color", "border-color", "--hours"];
  function applyDataStyles(root) {
    var elements = root.querySelectorAll ? root.querySelectorAll("[data-style]") : [];
    var all = root.hasAttribute && root.hasAttribute("data-style") ? [root].concat([].slice.call(elements)) : elements;
    Array.prototype.forEach.call(all, function (element) {
      element.getAttribute("data-style").split(";").forEach(function (declaration) {
        var colon = declaration.indexOf(":");
        if (colon < 0) { return; }
        var property = declaration.slice(0, colon).trim().toLowerCase();
        var value = declaration.slice(colon + 1).trim();
        var important = /\s*!important$/.test(value);
        if (STYLE_PROPERTIES.indexOf(property) >= 0) {
          element.style.setProperty(property, value.replace(/\s*!important$/, ""), important ? "important" : "");
        }
      });
    });
  }
  // At once (the page scripts after this one read these styles), then on every HTMX swap.
  applyDataStyles(document);
  document.body.addEventListener("htmx:load", function (event) { applyDataStyles(event.target); });

  // Instead of inline handlers: a select that submits its form, a form that asks first, a print button.
  document.addEventListener("change", function (event) {
    var field = event.target.closest ? event.target.closest("[data-submit-on-change]") : null;
    if (field && field.form) { field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit(); }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) { event.preventDefault(); }
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
  });

  // Focus after a form comes back with errors: the first invalid field (else the form's error
  // summary), so a keyboard or screen reader user lands where the problem is (WCAG 3.3.1). On page
  // load, and after an HTMX swap that a form's submission caused (never while someone types).
  function focusFirstError(root) {
    var field = root.querySelector("input[aria-invalid=true], select[aria-invalid=true], textarea[aria-invalid=true], " +
      "input.is-invalid, select.is-invalid, textarea.is-invalid");
    var target = field || root.querySelector("[data-form-errors]");
    if (!target) { return false; }
    if (!field && !target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
    return true;
  }
  focusFirstError(document);

  // After an action on one item of a list swapped by HTMX (approving a request in the inbox: the
  // form carries data-keeps-focus), focus goes to the item now in its place, the next request, or
  // to the page's heading when none is left, instead of falling back to the top of the page.
  var keptPlace = null;
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var source = event.detail.elt;
    var item = source.closest && source.closest("[data-keeps-focus]") ? source.closest("[data-focus-item]") : null;
    if (!item) { keptPlace = null; return; }
    var items = [].slice.call(document.querySelectorAll("[data-focus-item]"));
    keptPlace = items.indexOf(item);
  });
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var config = event.detail.requestConfig || {};
    var submitted = config.triggeringEvent && config.triggeringEvent.type === "submit";
    if (submitted && focusFirstError(event.detail.target.isConnected ? event.detail.target : document)) {
      keptPlace = null;
      return;
    }
    if (keptPlace === null) { return; }
    var items = document.querySelectorAll("[data-focus-item]");
    var next = items[Math.min(keptPlace, items.length - 1)] || document.querySelector("#main h1");
    keptPlace = null;
    if (!next) { return; }
    if (!next.hasAttribute("tabindex")) { next.setAttribute("tabindex", "-1"); }
    next.focus();
  });

  // A box that scrolls (a wide table on a phone, a long sample in <pre>) must be reachable by
  // keyboard to be scrolled (WCAG 2.1.1): it takes a tab stop while, and only while, it overflows.
  function markScrollables() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-responsive, pre"), function (box) {
      var overflows = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
      if (overflows && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-scroll-stop", "");
      } else if (!overflows && box.hasAttribute("data-scroll-stop")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroll-stop");
      }
    });
  }
  var scrollCheck = 0;
  function markScrollablesSoon() {
    window.cancelAnimationFrame(scrollCheck);
    scrollCheck = window.requestAnimationFrame(markScrollables);
  }
  markScrollables();
  window.addEventListener("resize", markScrollablesSoon);
  document.body.addEventListener("htmx:afterSettle", markScrollablesSoon);

  // A sub-navigation that scrolls sideways on a phone ([data-scroll-active]) shows its current page:
  // without this, the office manager's pages, last in the supplies bar, start off screen.
  Array.prototype.forEach.call(document.querySelectorAll("[data-scroll-active]"), function (bar) {
    var active = bar.querySelector(".active");
    if (active && bar.scrollWidth > bar.clientWidth) {
      bar.scrollLeft = Math.max(0, active.offsetLeft - bar.offsetLeft - 16);
    }
  });

  // Show a message instead of failing silently when an HTMX request errors.
  document.body.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    var box = document.getElementById("htmx-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "htmx-error";
      box.className = "alert alert-danger position-fixed bottom-0 end-0 m-3";
      box.setAttribute("role", "alert");
      document.body.appendChild(box);
    }
    box.textContent = document.documentElement.lang === "en"
      ? "The action could not be completed (error " + status + "). Please reload the page."
      : "L’action n’a pas pu aboutir (erreur " + status + "). Rechargez la page.";
  });
})();
