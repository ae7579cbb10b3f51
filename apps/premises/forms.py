"""Input validation for the premises pages. Rules (opening hours, overlaps, capacity…) live in the
services; these forms only check that the input is well formed."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.forms import BootstrapForm, BootstrapModelForm, DayField
from apps.premises.models import (
    CheckItem,
    CheckResult,
    Desk,
    Equipment,
    Floor,
    Room,
    SitePremisesSettings,
    Ticket,
    TicketCategory,
    TicketStatus,
    TicketUrgency,
    Weekday,
)
from apps.premises.scheduling import MAX_OCCURRENCES, add_months
from apps.premises.selectors.slots import desk_part_times
from apps.premises.services import (
    CHECK_ITEM_FIELDS,
    DESK_FIELDS,
    FLOOR_FIELDS,
    ROOM_FIELDS,
    SITE_SETTINGS_FIELDS,
    TICKET_REPORT_FIELDS,
)
from apps.premises.validators import (
    REGISTER_EARLIEST,
    REGISTER_YEARS_AHEAD,
    validate_check_done_on,
    validate_first_due_date,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def combine(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


# ------------------------------------------------------------------------------------------------
# Spaces


class SiteSettingsForm(BootstrapModelForm):
    open_days = forms.TypedMultipleChoiceField(
        label=_("Open days"), choices=Weekday.choices, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = SitePremisesSettings
        fields = SITE_SETTINGS_FIELDS
        widgets = {"opens_at": TimeInput(), "closes_at": TimeInput()}


class FloorForm(BootstrapModelForm):
    class Meta:
        model = Floor
        fields = FLOOR_FIELDS
        widgets = {"plan": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"})}


class PlanForm(BootstrapModelForm):
    class Meta:
        model = Floor
        fields = ["plan"]
        widgets = {"plan": forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].required = True


class RoomForm(BootstrapModelForm):
    equipment = forms.MultipleChoiceField(
        label=_("Equipment"), choices=Equipment.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Room
        fields = ROOM_FIELDS

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["floor"].queryset = Floor.objects.filter(site=site).order_by("level", "name")


class DeskForm(BootstrapModelForm):
    class Meta:
        model = Desk
        fields = DESK_FIELDS

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["floor"].queryset = Floor.objects.filter(site=site).order_by("level", "name")
        self.fields["assigned_to"].queryset = get_user_model().objects.filter(is_active=True)


class PlanPositionForm(BootstrapForm):
    """One room or desk placed on the plan, in percent (posted by static/js/premises_plan.js)."""

    kind = forms.ChoiceField(choices=[("room", "room"), ("desk", "desk")])
    id = forms.IntegerField()
    x = forms.DecimalField(min_value=0, max_value=100, decimal_places=2, required=False)
    y = forms.DecimalField(min_value=0, max_value=100, decimal_places=2, required=False)
    w = forms.DecimalField(min_value=0.5, max_value=100, decimal_places=2, required=False)
    h = forms.DecimalField(min_value=0.5, max_value=100, decimal_places=2, required=False)

    def clean(self):
        data = super().clean()
        values = [data.get(k) for k in ("x", "y", "w", "h")]
        if any(v is None for v in values) and any(v is not None for v in values):
            raise forms.ValidationError(_("Give all four plan coordinates or none."))
        return data


# ------------------------------------------------------------------------------------------------
# Bookings


def space_choices(rooms, desks) -> list:
    room_choices = [
        (
            f"room:{room.pk}",
            _("%(room)s · %(floor)s · %(capacity)d people")
            % {"room": room, "floor": room.floor.name, "capacity": room.capacity},
        )
        for room in rooms
    ]
    desk_choices = [(f"desk:{desk.pk}", f"{desk.label} · {desk.floor.name}") for desk in desks]
    choices = [("", "—")]
    if room_choices:
        choices.append((_("Rooms"), room_choices))
    if desk_choices:
        choices.append((_("Hot desks"), desk_choices))
    return choices


class SpaceChoiceMixin:
    """A "room:12" / "desk:3" choice resolved to the Room or Desk, from lists already loaded."""

    def set_spaces(self, rooms, desks) -> None:
        self._spaces = {f"room:{r.pk}": r for r in rooms} | {f"desk:{d.pk}": d for d in desks}
        self.fields["space"].choices = space_choices(rooms, desks)

    def clean_space(self):
        value = self.cleaned_data["space"]
        if value not in self._spaces:
            raise forms.ValidationError(_("Choose a room or a desk."))
        return self._spaces[value]


DESK_PARTS = [("morning", _("Morning")), ("afternoon", _("Afternoon")), ("day", _("Whole day"))]


class BookingForm(SpaceChoiceMixin, BootstrapForm):
    """A room is booked from a start to an end; a desk for the morning, the afternoon or the whole day
    (the site's opening hours split at noon, see ``selectors.half_day_times``)."""

    space = forms.ChoiceField(label=_("Room or desk"))
    date = DayField(label=_("Date"), widget=DateInput())
    part = forms.ChoiceField(label=_("Desk booked for"), choices=DESK_PARTS, required=False, widget=forms.RadioSelect)
    start = forms.TimeField(label=_("Start"), widget=TimeInput(), required=False)
    end = forms.TimeField(label=_("End"), widget=TimeInput(), required=False)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    attendees = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=500, initial=1)
    person = forms.ModelChoiceField(
        label=_("Booked for"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Leave empty: you."),
    )
    repeat = forms.BooleanField(label=_("Repeat every week or every few weeks"), required=False)
    interval_weeks = forms.IntegerField(label=_("Every (weeks)"), min_value=1, max_value=26, initial=1, required=False)
    until = DayField(
        label=_("Until"),
        required=False,
        widget=DateInput(),
        help_text=_("At most %(max)d occurrences.") % {"max": MAX_OCCURRENCES},
    )

    def __init__(self, *args, rooms, desks, user, may_book_for_others: bool, rules=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.rules = rules
        self.set_spaces(rooms, desks)
        if not desks:
            del self.fields["part"]
        if may_book_for_others:
            self.fields["person"].queryset = get_user_model().objects.filter(is_active=True)
        else:
            del self.fields["person"]

    def clean(self):
        data = super().clean()
        if isinstance(data.get("space"), Desk) and data.get("part") and data.get("date") and self.rules:
            start, end = desk_part_times(self.rules, data["date"], data["part"])
            data["start"], data["end"] = timezone.localtime(start).time(), timezone.localtime(end).time()
        for name in ("start", "end"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, forms.Field.default_error_messages["required"])
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end must be after the start."))
        if data.get("repeat"):
            if not data.get("until"):
                self.add_error("until", _("Give the date of the last occurrence."))
            if not data.get("interval_weeks"):
                data["interval_weeks"] = 1
        return data

    @property
    def start_at(self) -> dt.datetime:
        return combine(self.cleaned_data["date"], self.cleaned_data["start"])

    @property
    def end_at(self) -> dt.datetime:
        return combine(self.cleaned_data["date"], self.cleaned_data["end"])

    def booked_for(self):
        return self.cleaned_data.get("person") or self.user


class FindRoomForm(BootstrapForm):
    date = DayField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("From"), widget=TimeInput())
    end = forms.TimeField(label=_("To"), widget=TimeInput())
    people = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=500, initial=2)
    equipment = forms.MultipleChoiceField(
        label=_("Equipment"), choices=Equipment.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end must be after the start."))
        return data


class MoveForm(SpaceChoiceMixin, BootstrapForm):
    space = forms.ChoiceField(label=_("Room or desk"))
    date = DayField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("Start"), widget=TimeInput())
    end = forms.TimeField(label=_("End"), widget=TimeInput())

    def __init__(self, *args, rooms, desks, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_spaces(rooms, desks)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end must be after the start."))
        return data


class ReasonForm(BootstrapForm):
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)


class BlockForm(BootstrapForm):
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none())
    start_date = DayField(label=_("From (date)"), widget=DateInput())
    start_time = forms.TimeField(label=_("From (time)"), widget=TimeInput(), initial=dt.time(8, 0))
    end_date = DayField(label=_("To (date)"), widget=DateInput())
    end_time = forms.TimeField(label=_("To (time)"), widget=TimeInput(), initial=dt.time(20, 0))
    reason = forms.CharField(label=_("Reason"), max_length=200, help_text=_("Works, an event… shown on the grid."))
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms
        self.fields["room"].label_from_instance = lambda room: f"{room.floor.site} · {room.floor.name} · {room.name}"

    def clean(self):
        data = super().clean()
        complete = all(data.get(k) for k in ("start_date", "start_time", "end_date", "end_time"))
        if complete and self.end_at <= self.start_at:
            self.add_error("end_date", _("The end must be after the start."))
        return data

    @property
    def start_at(self) -> dt.datetime:
        return combine(self.cleaned_data["start_date"], self.cleaned_data["start_time"])

    @property
    def end_at(self) -> dt.datetime:
        return combine(self.cleaned_data["end_date"], self.cleaned_data["end_time"])


# ------------------------------------------------------------------------------------------------
# Register


class CheckItemForm(BootstrapModelForm):
    class Meta:
        model = CheckItem
        fields = CHECK_ITEM_FIELDS
        widgets = {"first_due_date": DateInput(), "legal_reference": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"first_due_date": DayField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The window the service accepts, for the date picker (the form is novalidate: errors come from us).
        latest = add_months(timezone.localdate(), 12 * REGISTER_YEARS_AHEAD)
        self.fields["first_due_date"].widget.attrs.update(min=REGISTER_EARLIEST.isoformat(), max=latest.isoformat())

    def clean_first_due_date(self):
        first_due = self.cleaned_data["first_due_date"]
        if self.instance.pk is None or first_due != self.instance.first_due_date:
            validate_first_due_date(first_due, timezone.localdate())
        return first_due


class CheckRecordForm(BootstrapForm):
    done_on = DayField(label=_("Done on"), widget=DateInput())
    done_by = forms.CharField(label=_("Done by"), max_length=200, help_text=_("Company or person who did the check."))
    result = forms.ChoiceField(label=_("Result"), choices=CheckResult.choices)
    report = forms.FileField(
        label=_("Report"),
        required=False,
        help_text=_("PDF or image, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg,image/webp"}),
    )
    to_fix = forms.CharField(
        label=_("What must be fixed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the result is non-compliant: a repair ticket is opened with it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate().isoformat()
        self.fields["done_on"].widget.attrs.update(min=REGISTER_EARLIEST.isoformat(), max=today)

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        validate_check_done_on(done_on, timezone.localdate())
        return done_on


# ------------------------------------------------------------------------------------------------
# Tickets


class TicketForm(BootstrapModelForm):
    """What ``services.ticket_report`` takes; the view hands ``cleaned_data`` to it (not ``save()``)."""

    class Meta:
        model = Ticket
        fields = TICKET_REPORT_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "photo": forms.ClearableFileInput(
                attrs={"accept": "image/png,image/jpeg,image/webp", "capture": "environment"}
            ),
        }

    def __init__(self, *args, sites, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        # Starts empty: the reporter says what kind of problem it is.
        category = self.fields["category"]
        category.choices = [("", _("Choose the kind of problem")), *TicketCategory.choices]
        category.error_messages["required"] = _("Choose the kind of problem: electricity, plumbing, heating…")
        self.fields["room"].queryset = rooms
        self.fields["room"].label_from_instance = lambda room: f"{room.floor.site} · {room.floor.name} · {room.name}"

    def clean(self):
        data = super().clean()
        if not data.get("room") and not (data.get("place") or "").strip():
            self.add_error("place", _("Say where: choose a room or describe the place."))
        return data


class TriageForm(BootstrapForm):
    urgency = forms.ChoiceField(label=_("Urgency"), choices=TicketUrgency.choices)
    assignee = forms.ModelChoiceField(label=_("Assigned to"), queryset=get_user_model().objects.none(), required=False)
    supplier = forms.CharField(label=_("Assigned supplier"), max_length=200, required=False)
    due_date = DayField(label=_("Due date"), required=False, widget=DateInput())

    def __init__(self, *args, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        # Only people who handle tickets (office managers and marked handlers; selectors.ticket_handlers).
        self.fields["assignee"].queryset = handlers
        self.fields["assignee"].help_text = _("Office managers, and the people marked as handling repair tickets.")


class TransitionForm(BootstrapForm):
    status = forms.ChoiceField(choices=TicketStatus.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CommentForm(BootstrapForm):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    internal = forms.BooleanField(
        label=_("Internal note"), required=False, help_text=_("Only office managers see internal notes.")
    )

    def __init__(self, *args, may_write_internal: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_write_internal:
            del self.fields["internal"]


class TicketFilterForm(BootstrapForm):
    # The sites are the list the view already holds (no query to render or check them).
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open")), ("all", _("All")), *TicketStatus.choices],
    )
    urgency = forms.ChoiceField(label=_("Urgency"), required=False, choices=[("", _("Any")), *TicketUrgency.choices])
    site = forms.TypedChoiceField(label=_("Site"), required=False, coerce=int, empty_value=None)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [("", _("All sites")), *((site.pk, str(site)) for site in sites)]
