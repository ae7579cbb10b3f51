// The team calendar: FullCalendar (vendored), French locale, weeks starting on Monday; a month grid
// on wide screens and a list on phones. Events come from /leave/calendar/events/.
(function () {
  "use strict";
  var element = document.getElementById("leave-calendar");
  if (!element || !window.FullCalendar) {
    return;
  }
  var filters = document.getElementById("calendar-filters");
  var narrow = window.matchMedia("(max-width: 575.98px)");

  function filterParams() {
    var params = {};
    if (filters) {
      new FormData(filters).forEach(function (value, key) {
        if (value) {
          params[key] = value;
        }
      });
    }
    return params;
  }

  // ?date=YYYY-MM-DD opens the month of that day (the agenda's "N people away" links here).
  var asked = new URLSearchParams(window.location.search).get("date") || "";
  var options = {
    // "en-gb" in English: FullCalendar formats dates with Intl in that locale (7 December 2026, never
    // the US order); ISO week numbers whatever the language.
    locale: element.dataset.locale || "fr",
    firstDay: 1,
    weekNumberCalculation: "ISO",
    initialView: narrow.matches ? "listMonth" : "dayGridMonth",
    headerToolbar: narrow.matches
      ? { left: "prev,next", center: "title", right: "today" }
      : { left: "prev,next today", center: "title", right: "dayGridMonth,listMonth" },
    height: "auto",
    dayMaxEvents: 4,
    weekNumbers: !narrow.matches,
    eventDisplay: "block",
    events: {
      url: element.dataset.eventsUrl,
      extraParams: filterParams,
      failure: function () {
        element.insertAdjacentHTML(
          "beforebegin",
          '<div class="alert alert-danger" role="alert"></div>'
        );
        element.previousElementSibling.textContent = element.dataset.error;
      }
    },
    eventDidMount: function (info) {
      // The full text (names, half days) as a tooltip: month cells cut long titles.
      if (info.event.display !== "background") {
        info.el.setAttribute("title", info.event.title);
      }
    }
  };
  if (/^\d{4}-\d{2}-\d{2}$/.test(asked)) {
    options.initialDate = asked;
  }
  var calendar = new FullCalendar.Calendar(element, options);
  calendar.render();

  narrow.addEventListener("change", function (event) {
    calendar.changeView(event.matches ? "listMonth" : "dayGridMonth");
  });
  if (filters) {
    filters.addEventListener("change", function () {
      calendar.refetchEvents();
    });
  }
})();
