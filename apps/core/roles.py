"""Role names. Kept free of Django imports so models can use them."""

STAFF = "staff"  # every account
MANAGER = "manager"  # derived: manages a team
OFFICE_MANAGER = "office_manager"  # group
DIRECTOR = "director"  # group
ADMIN = "admin"  # is_superuser
ROLES = (STAFF, MANAGER, OFFICE_MANAGER, DIRECTOR, ADMIN)
