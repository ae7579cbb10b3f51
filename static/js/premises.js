// Premises pages: small behaviours, no dependency.
(function () {
  "use strict";
  // A date picker or a select that changes the page submits its form at once.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.addEventListener("change", function () { form.requestSubmit ? form.requestSubmit() : form.submit(); });
  });
  // The day grid: one handler for the whole grid rather than a link per free hour of every room.
  // A click on a bookable room's line (not on a booking) opens the booking form for that hour.
  document.querySelectorAll(".day-grid[data-book-url]").forEach(function (grid) {
    var hours = parseInt(getComputedStyle(grid).getPropertyValue("--hours"), 10);
    var firstHour = parseInt(grid.dataset.firstHour, 10);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var slotAt = function (line, event) {
      var box = line.getBoundingClientRect();
      var slot = Math.floor((event.clientX - box.left) / box.width * hours);
      return Math.min(Math.max(slot, 0), hours - 1);
    };
    grid.addEventListener("click", function (event) {
      var line = event.target.closest(".day-grid-timeline.is-bookable");
      if (!line || event.target.closest(".day-grid-block")) { return; }
      var hour = firstHour + slotAt(line, event);
      window.location.href = grid.dataset.bookUrl + "&space=" + encodeURIComponent(line.dataset.space) +
        "&start=" + pad(hour) + ":00&end=" + pad(hour + 1) + ":00";
    });
    // A booking's full details (its title attribute) as a tooltip on hover, focus or tap; created on
    // first use rather than for the hundreds of blocks of a busy day.
    var tip = function (event) {
      var block = event.target.closest && event.target.closest(".day-grid-block[title], .day-grid-block[data-bs-original-title]");
      if (!block || !window.bootstrap || bootstrap.Tooltip.getInstance(block)) { return; }
      bootstrap.Tooltip.getOrCreateInstance(block, { trigger: "hover focus" }).show();
    };
    grid.addEventListener("mouseover", tip);
    grid.addEventListener("focusin", tip);
    grid.addEventListener("click", tip);
    grid.addEventListener("mousemove", function (event) {
      var line = event.target.closest(".day-grid-timeline.is-bookable");
      if (line) { line.style.setProperty("--slot", slotAt(line, event)); }
    });
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
  // The booking form: a desk is booked for the morning, the afternoon or the day, a room from a start
  // to an end; only the fields of the space chosen show.
  var space = document.getElementById("id_space");
  var parts = document.getElementById("id_part");
  if (space && parts) {
    var partGroup = parts.closest(".mb-3");
    var timeGroups = ["id_start", "id_end"].map(function (id) {
      var input = document.getElementById(id);
      return input ? input.closest(".mb-3") : null;
    }).filter(Boolean);
    var showParts = function () {
      var desk = space.value.indexOf("desk:") === 0;
      partGroup.hidden = !desk;
      timeGroups.forEach(function (g) { g.hidden = desk; });
    };
    space.addEventListener("change", showParts);
    showParts();
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
