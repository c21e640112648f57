"""WSGI entry point: ``app = create_app()`` (config from LINKMATCH_ENV)."""

from app import create_app

app = create_app()
