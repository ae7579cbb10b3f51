"""Input validation of the supplies pages (one module per area)."""
