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
