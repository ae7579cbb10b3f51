"""Input validation of the supplies pages (one module per area); the rules live in the services."""
