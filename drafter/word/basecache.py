"""The prepared Word base document kept in the cache folder (drafter.cachedir), so that a
one-shot `drafter render` skips building what depends only on the style profile and the
reference .docx — styles, font table, page, footers: ~15 ms of python-docx calls
(word/writer._prepared), made once per process otherwise.

One file per base, named by a SHA-256 of everything the base is made from: drafter's and
python-docx's versions, the style profile (its repr: every setting but where each was
written), the reference .docx (path, size, time of its last change) and the code that builds
the base (size and time of each module of drafter/word, of config/style.py and of base.docx),
so an edit of any of them never meets an old base. A file holds the styleId of each role
(JSON) and the base's bytes, with a SHA-256 of both: a file that is damaged, cut short or
not in this shape is not used, and the base is built afresh. Plain data, never code; the
folder is ours alone (cachedir). Nothing here ever fails a command.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import docx

from drafter import __version__, cachedir
from drafter.config import style as style_module
from drafter.config.style import StyleProfile

if TYPE_CHECKING:
    from drafter.word.package import ReferenceKey

FORMAT = 1  # bump when what is stored changes shape
PREFIX = "word-base-"
MAX_FILE = 64 << 20  # a reference .docx with a letterhead picture can be a few MB
MAX_FILES = 32  # older bases are removed beyond this many
_DIGEST = 32  # bytes of SHA-256 at the head of a file
_WORD = Path(__file__).parent


def load(style: StyleProfile, reference: ReferenceKey | None) -> tuple[bytes, dict[str, str]] | None:
    """The base kept for `style` and `reference`, or None."""
    directory = cachedir.here()
    data = None if directory is None else cachedir.read(directory / _name(style, reference),
                                                        MAX_FILE)
    if data is None or hashlib.sha256(data[_DIGEST:]).digest() != data[:_DIGEST]:
        return None
    head, _, base = data[_DIGEST:].partition(b"\n")
    try:
        ids = json.loads(head)
    except ValueError:
        return None
    if (not isinstance(ids, dict) or not base.startswith(b"PK\x03\x04")
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in ids.items())):
        return None
    return base, ids


def save(style: StyleProfile, reference: ReferenceKey | None, base: bytes, ids: dict[str, str]) -> None:
    """Keep the base just built for `style` and `reference`."""
    directory = cachedir.here()
    if directory is None:
        return
    body = json.dumps(ids, sort_keys=True).encode("ascii") + b"\n" + base
    cachedir.write(directory / _name(style, reference), hashlib.sha256(body).digest() + body)
    cachedir.trim(directory, PREFIX, MAX_FILES)


def _name(style: StyleProfile, reference: ReferenceKey | None) -> str:
    made_of = repr((FORMAT, __version__, docx.__version__, style, reference, _code()))
    return f"{PREFIX}{hashlib.sha256(made_of.encode('utf-8')).hexdigest()[:40]}.bin"


@cache
def _code() -> tuple[tuple[str, int, int], ...]:
    """The files the base is built by, stamped (once a process)."""
    return cachedir.code_stamp([*_WORD.glob("*.py"), _WORD / "base.docx",
                                Path(style_module.__file__)])
