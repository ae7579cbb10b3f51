from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeaveConfig(AppConfig):
    name = "apps.leave"
    label = "leave"
    verbose_name = _("Leave")
