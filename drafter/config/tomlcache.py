"""Parsed settings files kept in the cache folder, by the SHA-256 of their text.

tomllib is pure Python: an indicators.toml of 10,000 indicators takes it ~0.3 s to parse
(json ~10 ms to load), and a one-shot render reads a dozen small pack files besides importing
tomllib. A file's parsed data is written once as JSON (toml-*.json) to $XDG_CACHE_HOME/drafter and
read back while the text is unchanged (any edit changes the hash, so it is parsed afresh).
Only plain data is kept (tables, arrays, text, numbers, true/false: what drafter's files
hold); a file with dates or anything else is parsed every time. JSON is data, never code,
and the folder is used only when it is ours alone (cachedir.trusted); a file that cannot be
read or is not what was written is parsed instead. Nothing here ever fails a command.

A file's entry also names the checks its data has passed (`checked`: a schema check and a
stamp of the code that ran it, see tomlfile.read): a pack's indicators.toml of 10,000
indicators takes its schema check ~50 ms, and the same text passes the same check again.
A check that fails is never written, so a file with a mistake is checked (and told) every
time.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from drafter import cachedir

FORMAT = 2  # bump when what is stored changes shape
MAX_FILE = 64 << 20
MAX_FILES = 512  # older entries are removed beyond this many


def _name(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:40]
    return f"toml-{FORMAT}-{digest}.json"


def load(text: str) -> tuple[dict[str, Any], frozenset[str]] | None:
    """The data parsed earlier from exactly `text` and the checks it has passed, or None."""
    directory = cachedir.here()
    raw = None if directory is None else cachedir.read(directory / _name(text), MAX_FILE)
    if raw is None:
        return None
    try:
        entry = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("data"), dict):
        return None
    checked = entry.get("checked")
    if not isinstance(checked, list) or not all(isinstance(c, str) for c in checked):
        return None
    return entry["data"], frozenset(checked)


def save(text: str, data: dict[str, Any], checked: frozenset[str] = frozenset()) -> None:
    """Keep `data` (tomllib's result for `text`) if it is plain data, with the checks it has
    passed."""
    directory = cachedir.here()
    if directory is None or not _plain(data):
        return
    entry = {"data": data, "checked": sorted(checked)}
    try:
        payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
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
