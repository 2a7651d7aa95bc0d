"""Parsed settings files kept in the cache folder, by the SHA-256 of their text.

tomllib is pure Python: an indicators.toml of 10,000 indicators takes it ~0.3 s to parse
(json ~10 ms to load), and a one-shot render reads a dozen small pack files besides importing
tomllib. A file's parsed data is written once as JSON (toml-*.json) to $XDG_CACHE_HOME/drafter and
read back while the text is unchanged (any edit changes the hash, so it is parsed afresh).
Only plain data is kept (tables, arrays, text, numbers, true/false: what drafter's files
hold); a file with dates or anything else is parsed every time. JSON is data, never code,
and the folder is used only when it is ours alone (cachedir.trusted); a file that cannot be
read or is not what was written is parsed instead. Nothing here ever fails a command.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from drafter import cachedir

FORMAT = 1  # bump when what is stored changes shape
MAX_FILE = 64 << 20
MAX_FILES = 512  # older entries are removed beyond this many


def _name(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:40]
    return f"toml-{FORMAT}-{digest}.json"


def load(text: str) -> dict[str, Any] | None:
    """The data parsed earlier from exactly `text`, or None."""
    directory = cachedir.here()
    raw = None if directory is None else cachedir.read(directory / _name(text), MAX_FILE)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def save(text: str, data: dict[str, Any]) -> None:
    """Keep `data` (tomllib's result for `text`) if it is plain data."""
    directory = cachedir.here()
    if directory is None or not _plain(data):
        return
    try:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except ValueError:
        return
    cachedir.write(directory / _name(text), payload)
    cachedir.trim(directory, "toml-", MAX_FILES)


def _plain(value: object, depth: int = 0) -> bool:
    if depth > 64:
        return False
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v, depth + 1) for v in value)
    return isinstance(value, str | int | float | bool)  # json writes inf and nan as Infinity, NaN
