"""Public vacancy pages: search, details, applying."""
