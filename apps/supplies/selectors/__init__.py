"""Reads of the supplies app, scoped to what the asking user may see (one module per area)."""
