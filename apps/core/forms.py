from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from apps.core.ranges import EARLIEST_DAY, LATEST_DAY


class BootstrapFormMixin:
    """Give every widget its Bootstrap class, and mark invalid fields, so templates stay plain."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)):
                css = "form-check-input"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"


class BootstrapForm(BootstrapFormMixin, forms.Form):
    pass


class BootstrapModelForm(BootstrapFormMixin, forms.ModelForm):
    pass


class DayField(forms.DateField):
    """A date within ``apps.core.ranges``' window: 0001-01-01 or 9999-12-31 is a valid ``date`` that
    overflows as soon as a day is added to it or a time zone applied, so it is refused here."""

    def validate(self, value):
        super().validate(value)
        if value is not None and not EARLIEST_DAY <= value <= LATEST_DAY:
            raise ValidationError(
                _("Enter a date between %(earliest)d and %(latest)d."),
                code="out_of_range",
                params={"earliest": EARLIEST_DAY.year, "latest": LATEST_DAY.year},
            )


# Widgets written in Python with the markup of Django's widget templates. Django renders each
# widget, and each <option>, through a template of its own, which makes a filter bar or a form cost
# milliseconds on pages that must stay under ten. The markup is the same (tests compare them).


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: in order, ``False`` left out, ``True`` as a bare name."""
    return "".join(
        f" {esc(name)}" if value is True else f' {esc(name)}="{esc(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _sorted_attrs(attrs: dict) -> str:
    """``django.forms.utils.flatatt``: sorted ``key="value"`` pairs, then sorted bare boolean attributes."""
    pairs = sorted((key, value) for key, value in attrs.items() if not isinstance(value, bool) and value is not None)
    flags = sorted(key for key, value in attrs.items() if value is True)
    return "".join(f' {esc(key)}="{esc(value)}"' for key, value in pairs) + "".join(f" {esc(key)}" for key in flags)


def _input(widget: dict, *, with_value: bool) -> str:
    """django/forms/widgets/input.html (without its final line break)."""
    value = widget["value"] if with_value else None
    shown = "" if value is None else f' value="{esc(value)}"'
    return f'<input type="{esc(widget["type"])}" name="{esc(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'


class FastSelect(forms.Select):
    """A <select> written in Python from the context Django's widget template would receive."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group_name, group_choices, _index in widget["optgroups"]:
            options = "".join(
                f'<option value="{esc(str(option["value"]))}"{_sorted_attrs(option["attrs"])}>'
                f"{esc(option['label'])}</option>"
                for option in group_choices
            )
            parts.append(f'<optgroup label="{esc(group_name)}">{options}</optgroup>' if group_name else options)
        return mark_safe(
            f'<select name="{esc(widget["name"])}"{_sorted_attrs(widget["attrs"])}>{"".join(parts)}</select>'
        )


class FastTextInput(forms.TextInput):
    """django/forms/widgets/input.html for a text input, written in Python."""

    def render(self, name, value, attrs=None, renderer=None):
        return mark_safe(_input(self.get_context(name, value, attrs)["widget"], with_value=True))


class FastDateInput(forms.DateInput):
    """A DateInput with the markup of Django's input.html (and its final line break)."""

    def render(self, name, value, attrs=None, renderer=None):
        return mark_safe(_input(self.get_context(name, value, attrs)["widget"], with_value=True) + "\n")


class FastTextarea(forms.Textarea):
    """A Textarea with the markup of Django's textarea.html."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        text = esc(widget["value"]) if widget["value"] else ""
        return mark_safe(f'<textarea name="{esc(name)}"{_attrs(widget["attrs"])}>\n{text}</textarea>\n')


class FastFileInput(forms.ClearableFileInput):
    """Django's clearable_file_input.html for a field without a current file, written in Python;
    with a current file, Django's template."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if widget["is_initial"]:
            return super().render(name, value, attrs, renderer)
        return mark_safe("\n" + _input(widget, with_value=False) + "\n")
