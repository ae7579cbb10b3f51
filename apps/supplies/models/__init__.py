from apps.supplies.models.catalogue import (  # noqa: F401
    MAX_PRICE,
    MAX_QUANTITY,
    PHOTO_MAX_MB,
    THUMBNAIL_SIZE,
    CatalogueItem,
    Category,
    SiteStock,
    Unit,
    VatRate,
)
from apps.supplies.models.equipment import (  # noqa: F401
    GONE_STATES,
    UNHELD_STATES,
    WARRANTY_NOTICE_DAYS,
    Assignment,
    EquipmentItem,
    EquipmentKind,
    EquipmentState,
    EquipmentTicket,
)
from apps.supplies.models.imports import CatalogueImport  # noqa: F401
from apps.supplies.models.requests import (  # noqa: F401
    CANCELLABLE_STATUSES,
    OPEN_STATUSES,
    TO_FULFIL_STATUSES,
    Awaiting,
    LineDecision,
    RequestKind,
    RequestLine,
    RequestStatus,
    SupplyRequest,
    SupplySettings,
)
from apps.supplies.models.stock import InventoryCount, InventoryCountLine, MoveKind, StockMove  # noqa: F401
