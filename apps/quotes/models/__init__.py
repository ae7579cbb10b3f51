"""The quotes app's data: ``clients`` (clients and their contacts), ``catalogue`` (the services and
products quotes are written from), ``quotes`` (quotes, their lines and versions, the settings) and
``invoices`` (invoices, deposit invoices, credit notes, their lines and payments)."""

from apps.quotes.models.catalogue import CatalogueEntry  # noqa: F401
from apps.quotes.models.clients import Client, ClientContact, ClientKind  # noqa: F401
from apps.quotes.models.common import (  # noqa: F401
    MAX_DISCOUNT,
    MAX_LINE_QUANTITY,
    PRICED_KINDS,
    LineKind,
    QuoteVatRate,
)
from apps.quotes.models.invoices import (  # noqa: F401
    CREDIT_NOTE_PREFIX,
    INVOICE_PREFIX,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    PaymentMethod,
)
from apps.quotes.models.quotes import (  # noqa: F401
    ANSWERABLE_STATUSES,
    QUOTE_PREFIX,
    Quote,
    QuoteLine,
    QuoteSettings,
    QuoteStatus,
)
