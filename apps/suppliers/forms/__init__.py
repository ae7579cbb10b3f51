"""The supplier app forms: ``directory`` (suppliers, contacts, the list filters) and ``relationship`` (log, ratings)."""
