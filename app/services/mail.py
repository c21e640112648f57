"""Email: one function to queue a message, one to send it (run by the ``mail.send`` job), and
the development outbox an administrator can read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy
from email.utils import parsedate_to_datetime
from pathlib import Path

from flask import current_app
from flask_mailman import EmailMessage


def queue(to: str, subject: str, body: str) -> None:
    """Send this email by a background job (``mail.send``) once the caller's transaction
    commits; never when it rolls back. A mail server that fails never undoes the change: the
    job is retried, then shown as failed. The body waits in the job's payload, which is
    emptied when the job ends (a reset link does not stay in the database)."""
    from app.jobs import enqueue_after_commit

    enqueue_after_commit("mail.send", payload=body.encode(), to=to, mail_subject=subject)


def send(to: str, subject: str, body: str) -> None:
    """Send a plain-text email now (to the outbox folder unless an SMTP server is configured)."""
    EmailMessage(subject=subject, body=body, to=[to]).send()


@dataclass(frozen=True)
class OutboxMessage:
    """One message written to the outbox folder."""

    name: str
    to: str
    subject: str
    sent_at: datetime | None
    body: str


def outbox_folder() -> Path:
    """Where the outbox backend writes."""
    return Path(current_app.config["MAIL_FILE_PATH"])


def outbox(limit: int = 200) -> list[OutboxMessage]:
    """The newest messages in the outbox folder (empty when mail goes to a real server)."""
    folder = outbox_folder()
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.eml"), reverse=True)[:limit]
    return [_read(path) for path in files]


def outbox_message(name: str) -> OutboxMessage | None:
    """One outbox message by file name (None when absent or the name is not a plain name)."""
    if "/" in name or "\\" in name or not name.endswith(".eml"):
        return None
    path = outbox_folder() / name
    return _read(path) if path.is_file() else None


def _read(path: Path) -> OutboxMessage:
    parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
    body_part = parsed.get_body(preferencelist=("plain",))
    body = body_part.get_content() if body_part is not None else ""
    try:
        sent_at = parsedate_to_datetime(str(parsed["Date"])) if parsed["Date"] else None
    except (TypeError, ValueError):
        sent_at = None
    return OutboxMessage(
        path.name, str(parsed["To"] or ""), str(parsed["Subject"] or ""), sent_at, body
    )
