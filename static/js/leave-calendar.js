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

  // Names for FullCalendar's icon buttons and "+N more" links, in the page's language (its French
  // locale has none: the buttons would be named in English). "$0" is FullCalendar's placeholder.
  var hints = element.dataset;

  // FullCalendar draws the arrows as <span role="img"> with no text: the button's title names it,
  // so the icon is hidden from assistive technology. Its "+N more" links are <a> without href
  // carrying aria-expanded: a role of button makes that attribute valid (Enter already opens them).
  function fixAccessibility() {
    element.querySelectorAll(".fc-button .fc-icon").forEach(function (icon) {
      icon.setAttribute("aria-hidden", "true");
      icon.removeAttribute("role");
    });
    element.querySelectorAll(".fc-button[title]").forEach(function (button) {
      if (!button.textContent.trim()) {
        button.setAttribute("aria-label", button.getAttribute("title"));
      }
    });
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
    buttonHints: { prev: hints.hintPrev, next: hints.hintNext, today: hints.hintToday },
    viewHint: hints.hintView,
    moreLinkHint: function (count) {
      return count === 1 ? hints.hintMoreOne : hints.hintMore.replace("$0", count);
    },
    moreLinkDidMount: function (info) {
      info.el.setAttribute("role", "button");
    },
    // A day cell is labelled by its day number alone while it also shows the week number and a
    // holiday's name: the visible text must be part of its name (WCAG 2.5.3), so the cell is named
    // by what it shows.
    dayCellDidMount: function (info) {
      info.el.removeAttribute("aria-labelledby");
    },
    datesSet: fixAccessibility,
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
  fixAccessibility();

  narrow.addEventListener("change", function (event) {
    calendar.changeView(event.matches ? "listMonth" : "dayGridMonth");
  });
  if (filters) {
    filters.addEventListener("change", function () {
      calendar.refetchEvents();
    });
  }
})();
