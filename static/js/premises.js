// Premises pages: small behaviours, no dependency.
(function () {
  "use strict";
  // A date picker or a select that changes the page submits its form at once.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.addEventListener("change", function () { form.requestSubmit ? form.requestSubmit() : form.submit(); });
  });
  // The booking form: the repeat fields show only when "repeat" is ticked.
  var repeat = document.getElementById("id_repeat");
  if (repeat) {
    var groups = ["id_interval_weeks", "id_until"].map(function (id) {
      var input = document.getElementById(id);
      return input ? input.closest(".mb-3") : null;
    }).filter(Boolean);
    var sync = function () { groups.forEach(function (g) { g.hidden = !repeat.checked; }); };
    repeat.addEventListener("change", sync);
    sync();
  }
  // The check record form: "what must be fixed" matters when the result is not compliant.
  var result = document.getElementById("id_result");
  var toFix = document.getElementById("id_to_fix");
  if (result && toFix) {
    var mark = function () { toFix.required = result.value === "non_compliant"; };
    result.addEventListener("change", mark);
    mark();
  }
})();
