"""JSON endpoints used by the site's own pages (autocomplete) and by partners."""
