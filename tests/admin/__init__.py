"""Administrator pages."""
