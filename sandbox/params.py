"""Bot API request parameters: query string, JSON body, urlencoded or multipart/form-data.

aiogram sends urlencoded forms when there is no file and multipart otherwise; complex fields
(reply_markup, entities, ...) arrive as JSON strings, booleans as "true"/"false". A JSON body
carries native values. Both are accepted everywhere, as the Bot API server does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, web
from multidict import MultiDict

from sandbox.errors import bad_request


@dataclass(frozen=True)
class UploadedFile:
    filename: str
    content_type: str | None
    data: bytes


class Params:
    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def __contains__(self, name: str) -> bool:
        return name in self.values and self.values[name] not in (None, "")

    def raw(self, name: str) -> Any:
        return self.values.get(name)

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        if value is None or isinstance(value, UploadedFile):
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, dict | list):
            return json.dumps(value, ensure_ascii=False)
        return str(value)

    def integer(self, name: str, default: int | None = None) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        try:
            return int(str(value).strip())
        except ValueError:
            return default

    def number(self, name: str) -> float | None:
        value = self.values.get(name)
        if value is None or value == "":
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            return None

    def flag(self, name: str) -> bool:
        value = self.values.get(name)
        if isinstance(value, bool):
            return value
        if value is None:
            return False
        return str(value).strip().lower() in ("true", "1", "yes", "on")

    def json(self, name: str, error: str) -> Any:
        """A complex field: native JSON or a JSON string; None when absent."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, dict | list):
            return value
        if isinstance(value, UploadedFile):
            raise bad_request(error)
        try:
            return json.loads(str(value))
        except ValueError:
            raise bad_request(error) from None

    def chat_id(self, name: str = "chat_id") -> int | str:
        value = self.values.get(name)
        if value is None or value == "":
            raise bad_request("chat_id is empty")
        if isinstance(value, bool):
            raise bad_request("chat not found")
        if isinstance(value, int):
            return value
        text = str(value).strip()
        try:
            return int(text)
        except ValueError:
            if text.startswith("@"):
                return text
            raise bad_request("chat not found") from None

    def input_file(self, name: str) -> UploadedFile | str | None:
        """An InputFile field: an upload (also via attach://name) or a file_id/URL string."""
        value = self.values.get(name)
        if isinstance(value, UploadedFile):
            return value
        if value is None or value == "":
            return None
        text = str(value)
        if text.startswith("attach://"):
            attached = self.values.get(text[len("attach://") :])
            if isinstance(attached, UploadedFile):
                return attached
            raise bad_request(f"file {text} not found in the request")
        return text


async def read_params(request: web.Request) -> Params:
    values: dict[str, Any] = dict(request.query)
    content_type = request.content_type
    if request.method == "POST" and request.can_read_body:
        if content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON object") from None
            if not isinstance(body, dict):
                raise bad_request("JSON object expected")
            values.update(body)
        elif content_type == "multipart/form-data":
            reader = await request.multipart()
            while True:
                part = await reader.next()
                if part is None:
                    break
                if not isinstance(part, BodyPartReader) or part.name is None:
                    continue
                data = await part.read(decode=True)
                if part.filename is not None:
                    values[part.name] = UploadedFile(
                        part.filename, part.headers.get("Content-Type"), bytes(data)
                    )
                else:
                    charset = part.get_charset("utf-8")
                    values[part.name] = bytes(data).decode(charset, "replace")
        else:
            form: MultiDict[Any] = MultiDict(await request.post())
            for key, value in form.items():
                values[key] = value
    return Params(values)
