"""Input validation of the supplies pages (one module per area); the services check the rules."""
