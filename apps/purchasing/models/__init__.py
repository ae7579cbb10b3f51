"""The purchasing app's data: ``orders`` (purchase orders, lines, deliveries), ``invoices`` (supplier
invoices and their VAT per rate), ``budgets`` (budgets, the accountant's account mapping)."""

from apps.purchasing.models.budgets import (  # noqa: F401
    DEFAULT_ACCOUNTS,
    MAX_BUDGET,
    AccountingSettings,
    AccountMapping,
    Budget,
)
from apps.purchasing.models.invoices import (  # noqa: F401
    INVOICE_DUE_NOTICE_DAYS,
    InvoiceKind,
    InvoiceVatLine,
    SupplierInvoice,
)
from apps.purchasing.models.orders import (  # noqa: F401
    COMMITTED_STATUSES,
    EDITABLE_STATUSES,
    ORDER_PREFIX,
    RECEIVABLE_STATUSES,
    OrderedRequestLine,
    OrderLine,
    OrderStatus,
    PurchaseOrder,
    Receipt,
    ReceiptLine,
)
