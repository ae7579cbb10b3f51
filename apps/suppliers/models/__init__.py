"""The suppliers app's data: ``directory`` (suppliers, categories, contacts) and ``relationship``
(compliance documents, contracts, the relationship log, ratings)."""

from apps.suppliers.models.directory import (  # noqa: F401
    Contact,
    Supplier,
    SupplierCategory,
    SupplierCategoryTag,
    compact,
    validate_iban,
    validate_siren,
    validate_siret,
    validate_vat,
)
from apps.suppliers.models.relationship import (  # noqa: F401
    CONTRACT_NOTICE_WARNING_DAYS,
    DOCUMENT_NOTICE_DAYS,
    VIGILANCE_THRESHOLD,
    VIGILANCE_VALID_MONTHS,
    ComplianceDocument,
    Contract,
    DocumentKind,
    Interaction,
    InteractionKind,
    Rating,
    default_validity,
)
