"""The audit log is append-only; mail lands in the outbox folder."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models.audit import AuditLogAppendOnlyError
from app.services import audit, mail
from tests.conftest import outbox
from tests.factories import UserFactory


def test_audit_entries_are_recorded_and_cannot_change(app) -> None:  # type: ignore[no-untyped-def]
    admin = UserFactory(role="admin", email="boss@example.com")
    audit.record(admin, "organisation.verify", "organisation", 7, "PT Contoh", reason="NIB ok")
    db.session.commit()
    page = audit.entries(query="boss@")
    assert page.total == 1
    entry = page.entries[0]
    assert (entry.action, entry.target_id, entry.reason) == ("organisation.verify", 7, "NIB ok")
    entry.reason = "changed"
    with pytest.raises(AuditLogAppendOnlyError):
        db.session.commit()
    db.session.rollback()
    db.session.delete(entry)
    with pytest.raises(AuditLogAppendOnlyError):
        db.session.commit()
    db.session.rollback()
    assert audit.entries().entries[0].reason == "NIB ok"


def test_mail_is_written_to_the_outbox(app) -> None:  # type: ignore[no-untyped-def]
    mail.send("rina@example.com", "Lamaran Anda", "Halo Rina,\nlamaran Anda diproses.")
    messages = outbox(app)
    assert [m.to for m in messages] == ["rina@example.com"]
    assert messages[0].subject == "Lamaran Anda"
    assert "diproses" in messages[0].body
    assert mail.outbox_message(messages[0].name).subject == "Lamaran Anda"
    assert mail.outbox_message("../etc/passwd") is None
