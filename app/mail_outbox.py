"""A Flask-Mailman backend that writes each message to its own ``.eml`` file in an outbox
folder: development and tests need no mail server, and an administrator page lists the folder."""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime
from pathlib import Path

from flask_mailman.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    """Write every message to ``MAIL_FILE_PATH`` as one RFC 822 file."""

    def __init__(self, *args: object, file_path: str | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.folder = Path(file_path or self.mailman.file_path)

    def send_messages(self, email_messages: list) -> int:  # type: ignore[override]
        """Write the messages; returns how many were written."""
        self.folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
            path = self.folder / f"{stamp}-{secrets.token_hex(4)}.eml"
            temporary = path.with_suffix(".tmp")
            temporary.write_bytes(message.message().as_bytes())
            os.replace(temporary, path)  # a reader never sees half a message
            sent += 1
        return sent
