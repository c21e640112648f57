"""Alembic revisions upgrade an empty database to the models' schema and downgrade again."""

from __future__ import annotations

from pathlib import Path

import flask_migrate
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from app import create_app
from app.config import TestingConfig
from app.extensions import db
from tests.conftest import BACKENDS, database_url

MIGRATIONS = str(Path(__file__).resolve().parent.parent / "migrations")


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrade_from_empty_matches_models_and_downgrades(backend: str, tmp_path: Path) -> None:
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=database_url(backend, tmp_path))
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        try:
            flask_migrate.upgrade(directory=MIGRATIONS)
            tables = set(inspect(db.engine).get_table_names())
            assert tables == set(db.metadata.tables) | {"alembic_version"}
            with db.engine.connect() as connection:
                context = MigrationContext.configure(connection)
                assert compare_metadata(context, db.metadata) == []
            flask_migrate.downgrade(directory=MIGRATIONS, revision="base")
            assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        finally:
            db.drop_all()
            with db.engine.begin() as connection:
                connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
            db.engine.dispose()
