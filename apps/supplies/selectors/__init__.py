"""Reads of the supplies app, scoped to what the viewer may see (see DESIGN.md)."""
