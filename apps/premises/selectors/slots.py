"""When a room or desk can be booked: the site's opening on a day, the default start of a search or a
booking (never before the site opens), the morning / afternoon / whole day of a desk, and the free
times and rooms offered when a booking is refused."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.premises.models import Desk, Room, SitePremisesSettings
from apps.premises.selectors.spaces import free_desks, free_rooms
from apps.premises.services.bookings import overlapping, period_rule_errors

# How far ahead the next opening day is looked for (a site open one day a week still has one).
_DAYS_LOOKED_AHEAD = 14
# Candidate starts of a suggested time: every quarter of an hour, and the ends of the bookings in the way.
_STEP = dt.timedelta(minutes=15)


def is_open_on(site, rules: SitePremisesSettings, day: dt.date) -> bool:
    """The site is open on ``day``: an open day of the week, and not a public holiday when it closes then."""
    if day.weekday() not in rules.open_days:
        return False
    return not (rules.closed_on_public_holidays and day in site.public_holidays(day.year))


def opening(rules: SitePremisesSettings, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The aware opening and closing times of ``day`` (whether or not the site is open that day)."""
    return (
        timezone.make_aware(dt.datetime.combine(day, rules.opens_at)),
        timezone.make_aware(dt.datetime.combine(day, rules.closes_at)),
    )


def default_start(
    site, rules: SitePremisesSettings, now: dt.datetime | None = None, length: dt.timedelta = dt.timedelta(hours=1)
) -> dt.datetime:
    """The start a search or a booking form offers: the next whole hour when a booking of ``length``
    still fits in today's opening hours (the opening itself before the site opens), else the opening of
    the next day the site is open."""
    now = timezone.localtime(now or timezone.now())
    length = min(length, _open_length(rules))
    today = now.date()
    for offset in range(_DAYS_LOOKED_AHEAD + 1):
        day = today + dt.timedelta(days=offset)
        if not is_open_on(site, rules, day):
            continue
        opens, closes = opening(rules, day)
        if offset == 0:
            next_hour = now.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
            start = max(opens, next_hour if now > opens else opens)
            if start + length <= closes:
                return start
            continue
        return opens
    return opening(rules, today + dt.timedelta(days=1))[0]


def _open_length(rules: SitePremisesSettings) -> dt.timedelta:
    day = dt.date(2000, 1, 3)
    return dt.datetime.combine(day, rules.closes_at) - dt.datetime.combine(day, rules.opens_at)


# --- Desks: morning, afternoon, whole day ---------------------------------------------------------


HALF_DAYS = ("morning", "afternoon", "day")


def midday(rules: SitePremisesSettings) -> dt.time:
    """Where a desk's morning ends and its afternoon starts: noon when the site is open on both sides of
    it, else the middle of the opening hours."""
    if rules.opens_at < dt.time(12) < rules.closes_at:
        return dt.time(12)
    day = dt.date(2000, 1, 3)
    opens = dt.datetime.combine(day, rules.opens_at)
    middle = opens + (dt.datetime.combine(day, rules.closes_at) - opens) / 2
    return middle.time().replace(second=0, microsecond=0)


def half_day_times(rules: SitePremisesSettings, part: str) -> tuple[dt.time, dt.time]:
    """The start and end of ``part`` ("morning", "afternoon" or "day") of a desk booking."""
    noon = midday(rules)
    if part == "morning":
        return rules.opens_at, noon
    if part == "afternoon":
        return noon, rules.closes_at
    return rules.opens_at, rules.closes_at


# --- Free times -----------------------------------------------------------------------------------


def _taken(resource: Room | Desk, start: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    return list(overlapping(resource, start, end).values_list("start", "end"))


def _is_free(taken, start: dt.datetime, end: dt.datetime) -> bool:
    return all(not (b_start < end and b_end > start) for b_start, b_end in taken)


def next_free_start(
    resource: Room | Desk, rules: SitePremisesSettings, start: dt.datetime, length: dt.timedelta
) -> dt.datetime | None:
    """The first start from ``start`` on, on that day and within its opening hours, at which ``resource``
    is free for ``length`` (``start`` itself when it is free); None when nothing is left that day. One
    query."""
    local_start = timezone.localtime(start)
    opens, closes = opening(rules, local_start.date())
    taken = _taken(resource, opens, closes)
    for candidate in _candidates(taken, max(start, opens), closes, length):
        return candidate
    return None


def _candidates(taken, start: dt.datetime, closes: dt.datetime, length: dt.timedelta):
    """The free starts from ``start`` on, in order: ``start``, then each quarter of an hour and each
    end of a booking in the way."""
    starts = {start} | {b_end for _b_start, b_end in taken if b_end > start}
    minute = start.replace(second=0, microsecond=0)
    first_step = minute + (-(minute.minute % 15)) * dt.timedelta(minutes=1) + _STEP
    moment = first_step
    while moment + length <= closes:
        starts.add(moment)
        moment += _STEP
    for candidate in sorted(starts):
        if candidate + length <= closes and _is_free(taken, candidate, candidate + length):
            yield candidate


class SuggestedTime(NamedTuple):
    start: dt.datetime
    end: dt.datetime


def nearest_free_times(
    resource: Room | Desk,
    rules: SitePremisesSettings,
    start: dt.datetime,
    end: dt.datetime,
    *,
    now: dt.datetime | None = None,
    limit: int = 3,
) -> list[SuggestedTime]:
    """The free times of ``resource`` nearest to ``start`` on the same day, as long as ``end - start``,
    within the opening hours and not in the past; the nearest first. One query."""
    now = now or timezone.now()
    length = end - start
    local_start = timezone.localtime(start)
    opens, closes = opening(rules, local_start.date())
    if length <= dt.timedelta(0) or length > closes - opens:
        return []
    taken = _taken(resource, opens, closes)
    earliest = max(opens, _round_up(now))
    starts = set(_candidates(taken, earliest, closes, length)) if earliest + length <= closes else set()
    # Ends of a booking in the way before the start wanted, walked back: the latest free start before it.
    starts |= {b_start - length for b_start, _b_end in taken if earliest <= b_start - length and b_start <= start}
    free = [s for s in starts if s != start and _is_free(taken, s, s + length) and opens <= s and s + length <= closes]
    free.sort(key=lambda s: (abs(s - start), s))
    # The nearest before and the nearest after, then the nearest others that do not overlap them
    # (9:00, 8:45 and 8:30 would be one offer three times): shown in the order of the day.
    chosen = [s for s in (next((s for s in free if s < start), None), next((s for s in free if s > start), None)) if s]
    for candidate in free:
        if len(chosen) >= limit:
            break
        if all(candidate + length <= other or other + length <= candidate for other in chosen):
            chosen.append(candidate)
    return [SuggestedTime(s, s + length) for s in sorted(chosen[:limit])]


def _round_up(moment: dt.datetime) -> dt.datetime:
    """``moment`` rounded up to the next quarter of an hour."""
    floor = moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)
    return floor if floor == moment else floor + _STEP


# --- Searching and offering other rooms -------------------------------------------------------------


class RoomSearch(NamedTuple):
    rooms: list[Room]  # free and bookable for the whole period, smallest first
    errors: list[str]  # the site's rules the period breaks (then no room is listed)


def search_free_rooms(
    *,
    site,
    rules: SitePremisesSettings,
    start: dt.datetime,
    end: dt.datetime,
    people: int,
    equipment=(),
    now: dt.datetime | None = None,
) -> RoomSearch:
    """The rooms of ``site`` that can be booked over [start, end) for ``people``: active, bookable, big
    enough, with the equipment, free (blocks included), and only when the period keeps the site's rules
    (open that day, within the opening hours, not too long, not in the past nor too far ahead)."""
    now = now or timezone.now()
    errors = [_("A booking cannot start in the past.")] if start < now else []
    errors += period_rule_errors(site=site, start=start, end=end, rules=rules, now=now)
    if errors:
        return RoomSearch([], errors)
    return RoomSearch(free_rooms(site=site, start=start, end=end, people=people, equipment=equipment), [])


class Alternatives(NamedTuple):
    """What a refused booking offers: other times for the same room or desk, other free spaces then."""

    times: list[SuggestedTime]
    rooms: list[Room]
    desks: list[Desk]


def booking_alternatives(
    *, resource: Room | Desk, start: dt.datetime, end: dt.datetime, attendees: int = 1, limit: int = 3
) -> Alternatives:
    """For a booking refused because the slot is taken: the nearest free times of ``resource`` on that
    day (same length, within the opening hours), and the other rooms as big or bigger (other desks,
    for a desk) free over the time asked, when that time keeps the site's rules. Three queries."""
    site = resource.floor.site
    rules = SitePremisesSettings.for_site(site)
    times = nearest_free_times(resource, rules, start, end, limit=limit)
    rooms: list[Room] = []
    desks: list[Desk] = []
    in_rules = not period_rule_errors(
        site=site, start=start, end=end, rules=rules, limit_length=isinstance(resource, Room)
    )
    if start >= timezone.now() and in_rules:
        if isinstance(resource, Room):
            people = max(attendees, resource.capacity)
            found = free_rooms(site=site, start=start, end=end, people=people)
            rooms = [room for room in found if room.pk != resource.pk][:limit]
        else:
            desks = [desk for desk in free_desks(site=site, start=start, end=end) if desk.pk != resource.pk][:limit]
    return Alternatives(times, rooms, desks)


# --- The booking form's defaults --------------------------------------------------------------------


class BookingDefaults(NamedTuple):
    start: dt.datetime  # aware, local
    end: dt.datetime
    part: str  # for a desk: "morning", "afternoon" or "day"


def booking_defaults(
    *,
    site,
    rules: SitePremisesSettings,
    space: Room | Desk | None,
    day: dt.date | None = None,
    start: dt.time | None = None,
    end: dt.time | None = None,
    now: dt.datetime | None = None,
) -> BookingDefaults:
    """What the booking form offers: the ``start``–``end`` asked on ``day`` when the site is open then
    and it is still ahead, else the next free slot within the opening hours (of ``space`` when one is
    chosen: an hour for a room, the part of the day left for a desk). Never a time before the site
    opens or after it closes. At most one query (the space's bookings of that day)."""
    now = timezone.localtime(now or timezone.now())
    today = now.date()
    if day is None or not today <= day <= today + dt.timedelta(days=rules.horizon_days):
        day = today  # a day that could not be booked (past, or beyond the horizon)
    if start is not None and end is not None and start < end:
        asked = (
            timezone.make_aware(dt.datetime.combine(day, start)),
            timezone.make_aware(dt.datetime.combine(day, end)),
        )
        opens, closes = opening(rules, day)
        if asked[0] >= now and opens <= asked[0] and asked[1] <= closes and is_open_on(site, rules, day):
            part = _part_of(rules, start, end)
            if isinstance(space, Desk) and not part:
                # A desk is booked by half days: the one the time asked falls in.
                part = "morning" if start < midday(rules) else "afternoon"
                return BookingDefaults(*desk_part_times(rules, day, part, now), part)
            return BookingDefaults(*asked, part)
    if day > today:  # that day's opening, or the next open day's when the site is closed then
        earliest = default_start(site, rules, timezone.make_aware(dt.datetime.combine(day, dt.time.min)))
    else:
        earliest = default_start(site, rules, now)
    if isinstance(space, Desk):
        return _desk_defaults(site, rules, space, earliest, now)
    length = dt.timedelta(hours=1)
    found = next_free_start(space, rules, earliest, length) if space is not None else None
    begin = found or earliest
    closes = opening(rules, timezone.localtime(begin).date())[1]
    return BookingDefaults(begin, min(begin + length, closes), "")


def _part_of(rules: SitePremisesSettings, start: dt.time, end: dt.time) -> str:
    for part in HALF_DAYS:
        if half_day_times(rules, part) == (start, end):
            return part
    return ""


def desk_part_times(
    rules: SitePremisesSettings, day: dt.date, part: str, now: dt.datetime | None = None
) -> tuple[dt.datetime, dt.datetime]:
    """The aware start and end of ``part`` of ``day`` for a desk; a part already begun today starts at
    the next quarter of an hour (the afternoon booked at 13:40 runs from 13:45)."""
    begin, finish = (timezone.make_aware(dt.datetime.combine(day, t)) for t in half_day_times(rules, part))
    now = now or timezone.now()
    if begin < now < finish:
        begin = _round_up(now)
    return begin, finish


def _desk_defaults(site, rules: SitePremisesSettings, desk: Desk, earliest: dt.datetime, now) -> BookingDefaults:
    """The whole day when it is still ahead and free, else the morning, else the afternoon (of the part
    left today), else the same on the next open days."""
    day = timezone.localtime(earliest).date()
    for offset in range(_DAYS_LOOKED_AHEAD + 1):
        current = day + dt.timedelta(days=offset)
        if offset and not is_open_on(site, rules, current):
            continue
        opens, closes = opening(rules, current)
        taken = _taken(desk, opens, closes)
        for part in ("day", "morning", "afternoon"):
            begin, finish = desk_part_times(rules, current, part, now)
            if begin < finish and finish > now and _is_free(taken, begin, finish):
                return BookingDefaults(begin, finish, part)
    begin, finish = desk_part_times(rules, day, "day", now)
    return BookingDefaults(begin, finish, "day")


def is_taken(resource: Room | Desk, start: dt.datetime, end: dt.datetime) -> bool:
    """Another active booking (or a block) of ``resource`` overlaps [start, end). One query."""
    return overlapping(resource, start, end).exists()
