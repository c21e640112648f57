"""Public open-data pages (``/data``): catalogue, dataset pages, downloads, ``catalog.json``."""
