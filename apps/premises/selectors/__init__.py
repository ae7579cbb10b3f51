"""Every read of the premises app, scoped to what the user may see, in a number of queries that does not
grow with the data. Import from here: ``from apps.premises import selectors``.

Sites (``sites.py``)
- ``visible_sites(user) -> list[Site]``: the sites the premises pages offer, with their rules (one query)
- ``site_rules(site)``, ``default_site(user, sites)``, ``pick_site(user, sites, wanted)``

Spaces (``spaces.py``)
- ``floors_for_site(site)``, ``rooms_for_site(site, bookable_only=False)``, ``bookable_desks(site)``
- ``floors_with_spaces(site)``, ``space_counts(sites)``, ``rooms_for_office(user)``
- ``floors_visible_to(user)``, ``rooms_visible_to(user)``, ``desks_visible_to(user)``
- ``free_rooms(site, start, end, people=1, equipment=()) -> list[Room]``: one query; ``free_desks(site, start, end)``

Slots (``slots.py``)
- ``default_start(site, rules, now)``: a search's or a booking's start, never before the site opens
- ``next_free_start(resource, rules, start, length)``, ``nearest_free_times(resource, rules, start, end)``
- ``midday(rules)``, ``half_day_times(rules, part)``: a desk's morning, afternoon or whole day
- ``search_free_rooms(...) -> RoomSearch``: find a room, within the site's rules
- ``booking_alternatives(resource, start, end, attendees) -> Alternatives``: what a refused booking offers
- ``floor_status(floor, at, viewer) -> FloorStatus``: the floor plan's free/busy spots; three queries

Bookings (``bookings.py``)
- ``booking_view(booking, viewer) -> BookingView``: what ``viewer`` may see of a booking (others'
  bookings are just "busy" with no title or person, unless ``viewer`` is an office manager)
- ``bookings_visible_to(user)``: their own (booked for or by them); every one for an office manager
- ``my_bookings(user, upcoming=True)``, ``my_bookings_between(user, start, end)``, ``my_next_booking(user)``,
  ``my_space_summary(user)``: the next booking and open tickets of my space, one read-cache entry
- ``pending_bookings(user)``, ``pending_rows(user)``, ``pending_bookings_to_count(user)`` (the badge)

The day grid (``day_grid.py``)
- ``day_grid(viewer, site, day) -> DayGrid``: the page's data; the site's day (``site_day``: floors,
  rooms, bookings with their people) is kept in the read cache for every viewer, masked per request
- ``day_view(site, day, viewer) -> list[RoomDay]``: the rooms with their bookings masked for ``viewer``
- ``day_spaces(site)``, ``day_bookings(site, day)``, ``grid_hours``, ``place_bookings``

Register (``register.py``)
- ``may_see_register(user)``: office managers and directors
- ``check_items_visible_to(user)``, ``all_check_items_visible_to(user)``, ``check_records_visible_to(user)``
- ``register_rows(user, site, today) -> list[RegisterRow]``, ``register_items(user, site)``,
  ``register_summary(user, today=None)``, ``check_records_for(item)``, ``checks_due_between(start, end, limit)``
- ``open_non_compliances_count(today=None)``: non-compliant checks whose repair ticket is still open
  (the dashboard's and the director's figure); ``has_open_non_compliance(records)``
- ``register_for_print(user, today, site_id=None) -> list[PrintedSite]``: the printable register

Tickets (``tickets.py``)
- ``tickets_visible_to(user)``: all for an office manager; others their reported or assigned ones;
  ``may_open_ticket(user, ticket)``: the same rule for one ticket, without a query
- ``ticket_comments_visible_to(user, ticket)``: internal notes only for office managers
- ``ticket_history_visible_to(user, ticket) -> list[HistoryEntry]``: report, changes and visible comments
- ``ticket_handlers()``: who may be put in charge; ``may_open_queue(user)``: office managers and handlers
- ``open_tickets(user)``, ``my_reported_tickets(user)``, ``my_assigned_tickets(user)``,
  ``my_open_tickets_count(user)``, ``allowed_transitions(ticket, user)``
- ``ticket_queue(user, status, urgency, site_id, mine)``; ``queue_page(...)``: one page of it as
  ``QueueRow`` rows, kept in the read cache per viewer and filters

Figures (``dashboard.py``)
- ``office_figures(today) -> dict[str, int]``: the dashboard's checks, tickets and bookings of the day
"""

from apps.premises.selectors.bookings import (
    BookingView,
    PendingRow,
    booking_view,
    bookings_visible_to,
    my_bookings,
    my_bookings_between,
    my_next_booking,
    my_space_summary,
    pending_bookings,
    pending_bookings_to_count,
    pending_rows,
)
from apps.premises.selectors.dashboard import office_figures
from apps.premises.selectors.day_grid import (
    DayFloor,
    DayGrid,
    DayRoom,
    GridBlock,
    GridRow,
    RoomDay,
    day_bookings,
    day_grid,
    day_spaces,
    day_view,
    grid_hours,
    place_bookings,
    site_day,
)
from apps.premises.selectors.register import (
    PrintedItem,
    PrintedSite,
    RegisterRow,
    all_check_items_visible_to,
    check_items_visible_to,
    check_records_for,
    check_records_visible_to,
    checks_due_between,
    has_open_non_compliance,
    may_see_register,
    open_non_compliances,
    open_non_compliances_count,
    register_for_print,
    register_items,
    register_rows,
    register_summary,
)
from apps.premises.selectors.sites import default_site, pick_site, site_rules, visible_sites
from apps.premises.selectors.slots import (
    Alternatives,
    RoomSearch,
    SuggestedTime,
    booking_alternatives,
    booking_defaults,
    default_start,
    desk_part_times,
    half_day_times,
    is_open_on,
    is_taken,
    midday,
    nearest_free_times,
    next_free_start,
    search_free_rooms,
)
from apps.premises.selectors.spaces import (
    FloorStatus,
    Spot,
    bookable_desks,
    desks_visible_to,
    floor_status,
    floors_for_site,
    floors_visible_to,
    floors_with_spaces,
    free_desks,
    free_rooms,
    rooms_for_office,
    rooms_for_site,
    rooms_visible_to,
    space_counts,
)
from apps.premises.selectors.tickets import (
    QUEUE_PAGE_SIZE,
    HistoryEntry,
    QueueRow,
    allowed_transitions,
    may_open_queue,
    may_open_ticket,
    my_assigned_tickets,
    my_open_tickets_count,
    my_reported_tickets,
    open_tickets,
    queue_page,
    ticket_comments_visible_to,
    ticket_handlers,
    ticket_history_visible_to,
    ticket_queue,
    tickets_visible_to,
)

__all__ = [
    "QUEUE_PAGE_SIZE",
    "Alternatives",
    "BookingView",
    "DayFloor",
    "DayGrid",
    "DayRoom",
    "FloorStatus",
    "GridBlock",
    "GridRow",
    "HistoryEntry",
    "PendingRow",
    "PrintedItem",
    "PrintedSite",
    "QueueRow",
    "RegisterRow",
    "RoomDay",
    "RoomSearch",
    "Spot",
    "SuggestedTime",
    "all_check_items_visible_to",
    "allowed_transitions",
    "bookable_desks",
    "booking_alternatives",
    "booking_defaults",
    "booking_view",
    "bookings_visible_to",
    "check_items_visible_to",
    "check_records_for",
    "check_records_visible_to",
    "checks_due_between",
    "day_bookings",
    "day_grid",
    "day_spaces",
    "day_view",
    "default_site",
    "default_start",
    "desk_part_times",
    "desks_visible_to",
    "floor_status",
    "floors_for_site",
    "floors_visible_to",
    "floors_with_spaces",
    "free_desks",
    "free_rooms",
    "grid_hours",
    "half_day_times",
    "has_open_non_compliance",
    "is_open_on",
    "is_taken",
    "may_open_queue",
    "may_open_ticket",
    "may_see_register",
    "midday",
    "my_assigned_tickets",
    "my_bookings",
    "my_bookings_between",
    "my_next_booking",
    "my_open_tickets_count",
    "my_reported_tickets",
    "my_space_summary",
    "nearest_free_times",
    "next_free_start",
    "office_figures",
    "open_non_compliances",
    "open_non_compliances_count",
    "open_tickets",
    "pending_bookings",
    "pending_bookings_to_count",
    "pending_rows",
    "pick_site",
    "place_bookings",
    "queue_page",
    "register_for_print",
    "register_items",
    "register_rows",
    "register_summary",
    "rooms_for_office",
    "rooms_for_site",
    "rooms_visible_to",
    "search_free_rooms",
    "site_day",
    "site_rules",
    "space_counts",
    "ticket_comments_visible_to",
    "ticket_handlers",
    "ticket_history_visible_to",
    "ticket_queue",
    "tickets_visible_to",
    "visible_sites",
]
