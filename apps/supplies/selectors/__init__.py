"""Reads of the supplies app, scoped to what the user may see (one module per area)."""
