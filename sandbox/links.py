"""URL checks in the spirit of tdlib's ``LinkManager::check_link``.

Used for ``<a href>`` (an invalid link silently produces no entity, as in Telegram) and for
inline keyboard ``url`` buttons (an invalid one is a 400).
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import parse_qs, urlsplit

_TG_RE = re.compile(r"^(tg|ton):(//)?[A-Za-z0-9_\-]+([/?#].*)?$", re.DOTALL)
_LABEL_RE = re.compile(
    r"^[A-Za-z0-9\u00a1-\uffff]([A-Za-z0-9\-\u00a1-\uffff]*[A-Za-z0-9\u00a1-\uffff])?$"
)
_TLD_RE = re.compile(r"^([A-Za-z\u00a1-\uffff]{2,}|xn--[A-Za-z0-9\-]+)$")


def link_user_id(url: str) -> int | None:
    """``tg://user?id=123`` -> 123."""
    lowered = url.strip().lower()
    if not lowered.startswith("tg://user?") and not lowered.startswith("tg:user?"):
        return None
    query = url.strip().split("?", 1)[1]
    values = parse_qs(query).get("id")
    if values and values[0].isdigit():
        return int(values[0])
    return None


def _valid_host(host: str) -> bool:
    if not host or len(host) > 253:
        return False
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    else:
        return True
    labels = host.rstrip(".").split(".")
    if len(labels) < 2:
        return False  # "localhost", "intranet": tdlib answers "Wrong HTTP URL"
    if not all(_LABEL_RE.match(label) for label in labels):
        return False
    return bool(_TLD_RE.match(labels[-1]))


def check_link(url: str) -> str | None:
    """The normalized link if Telegram would accept it, else None."""
    url = url.strip()
    if not url or any(ch.isspace() for ch in url):
        return None
    lowered = url.lower()
    if lowered.startswith(("tg:", "ton:")):
        return url if _TG_RE.match(url) else None
    if "://" not in url:
        if ":" in url.split("/", 1)[0] and not re.match(r"^[^:/]+:\d+", url):
            return None  # mailto:, javascript:, ... are not links
        url = "http://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    if port is not None and not 0 < port < 65536:
        return None
    if parts.username is not None or parts.password is not None:
        return None
    if not _valid_host(parts.hostname or ""):
        return None
    return url
