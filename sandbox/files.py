"""Stored files: uploads by the bot (sendDocument/sendPhoto) and media sent by users."""

from __future__ import annotations

import mimetypes
import secrets
from dataclasses import dataclass, field
from typing import Any

MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # getFile refuses bigger files, as Telegram does
_PREFIX = {"document": "BQACAgIAAxkBAA", "photo": "AgACAgIAAxkBAA", "voice": "AwACAgIAAxkBAA"}
_FOLDER = {"document": "documents", "photo": "photos", "voice": "voice", "sticker": "stickers"}


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    kind: str
    data: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.data)

    def file_json(self) -> dict[str, Any]:
        """The Bot API ``File`` object (what getFile returns)."""
        result: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
        }
        if self.size <= MAX_DOWNLOAD_BYTES:
            result["file_path"] = self.file_path
        return result

    def document_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {"file_id": self.file_id, "file_unique_id": self.file_unique_id}
        if self.file_name:
            result["file_name"] = self.file_name
        if self.mime_type:
            result["mime_type"] = self.mime_type
        result["file_size"] = self.size
        return result

    def photo_json(self) -> list[dict[str, Any]]:
        """PhotoSize list. The emulator keeps one size (the original), Telegram several."""
        return [
            {
                "file_id": self.file_id,
                "file_unique_id": self.file_unique_id,
                "file_size": self.size,
                "width": self.width or 0,
                "height": self.height or 0,
            }
        ]


class FileStore:
    def __init__(self) -> None:
        self.by_id: dict[str, StoredFile] = {}
        self.by_path: dict[str, StoredFile] = {}
        self._counter = 0

    def add(
        self,
        kind: str,
        data: bytes,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        width: int | None = None,
        height: int | None = None,
        extension: str | None = None,
    ) -> StoredFile:
        self._counter += 1
        if mime_type is None and file_name:
            mime_type = mimetypes.guess_type(file_name)[0]
        if extension is None:
            extension = ""
            if file_name and "." in file_name:
                extension = "." + file_name.rsplit(".", 1)[1].lower()
            elif mime_type:
                extension = mimetypes.guess_extension(mime_type) or ""
        path = f"{_FOLDER.get(kind, kind)}/file_{self._counter}{extension}"
        stored = StoredFile(
            file_id=_PREFIX.get(kind, "CAACAgIAAxkBAA") + secrets.token_urlsafe(33),
            file_unique_id="AgAD" + secrets.token_urlsafe(9),
            kind=kind,
            data=data,
            file_path=path,
            file_name=file_name,
            mime_type=mime_type,
            width=width,
            height=height,
        )
        self.by_id[stored.file_id] = stored
        self.by_path[path] = stored
        return stored

    def restore_counter(self, counter: int) -> None:
        """Go on numbering file paths after ``counter`` (a state loaded from disk)."""
        self._counter = max(self._counter, counter)

    @property
    def count(self) -> int:
        return self._counter

    def get(self, file_id: str) -> StoredFile | None:
        return self.by_id.get(file_id)
