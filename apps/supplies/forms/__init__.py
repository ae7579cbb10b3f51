"""The supplies app's forms, one module per area."""
