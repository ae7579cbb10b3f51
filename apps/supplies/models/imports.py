"""A catalogue import between its preview and its confirmation.

The uploaded file is parsed once, at the preview: its rows (the cells' text, by column) are kept
here, keyed by a random token the confirmation form posts back, for the person who uploaded it only.
The database rather than the session or a local file: the session is read on every request, and a
file on one web server's disk is not there for the next request on another. ``imported_at`` is
claimed by a conditional update in the import's transaction, so a confirmation posted twice imports
once. Stale rows are deleted when the same person stages another file.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CatalogueImport(models.Model):
    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    # The columns found in the header (field names) and the rows: [{"line": 2, "cells": {field: text}}].
    columns = models.JSONField(_("columns"), default=list)
    rows = models.JSONField(_("rows"), default=list)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    created_count = models.PositiveIntegerField(_("items created"), default=0)
    updated_count = models.PositiveIntegerField(_("items updated"), default=0)

    class Meta:
        verbose_name = _("catalogue import")
        verbose_name_plural = _("catalogue imports")
        indexes = [models.Index(fields=["uploaded_by", "created_at"], name="supplies_import_by_created")]

    def __str__(self) -> str:
        return self.file_name or str(self.token)
