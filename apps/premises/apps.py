from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PremisesConfig(AppConfig):
    name = "apps.premises"
    label = "premises"
    verbose_name = _("Premises")
