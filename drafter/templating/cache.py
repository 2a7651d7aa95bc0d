"""A per-user disk cache of what Jinja works out from a template's source, so that a one-shot
`drafter render` skips Jinja's parser and compiler (about 75 of a 250 ms command):

- the compiled template: Jinja's own FileSystemBytecodeCache, which keeps the source's
  checksum beside the code, so an edited template is compiled afresh;
- the template's undeclared names with their lines and the templates it refers to, which the
  formal render checks before rendering (templating.Renderer._check_names), kept with the
  same checksum.

Both live in $XDG_CACHE_HOME/drafter (else ~/.cache/drafter), in files whose names carry a
fingerprint of the Python and Jinja versions and the environment's settings, so a change of
either never meets old code. A cache that cannot be written or read is silently no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket

FORMAT = 1  # bump when what is stored here changes shape


@dataclass(frozen=True)
class Names:
    """What the undefined-name check needs of one template."""

    undeclared: frozenset[str]
    loads: tuple[tuple[str, int], ...]  # each use of an undeclared name: (name, line)
    refs: tuple[str, ...]  # templates it extends, includes or imports, by constant name


class TemplateCache(FileSystemBytecodeCache):
    def __init__(self, directory: Path, fingerprint: str):
        super().__init__(str(directory), pattern=f"jinja-{fingerprint}-%s.cache")
        self.fingerprint = fingerprint

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged file (unpickling can raise nearly anything): compile anew
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)

    def names(self, name: str, filename: str | None, source: str) -> Names | None:
        try:
            data = json.loads(self._names_file(name, filename).read_text(encoding="utf-8"))
            if data["checksum"] != self.get_source_checksum(source):
                return None
            return Names(frozenset(data["undeclared"]),
                         tuple((str(n), int(line)) for n, line in data["loads"]),
                         tuple(data["refs"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save_names(self, name: str, filename: str | None, source: str, names: Names) -> None:
        data = {"checksum": self.get_source_checksum(source), "undeclared": sorted(names.undeclared),
                "loads": names.loads, "refs": names.refs}
        target = self._names_file(name, filename)
        with contextlib.suppress(OSError):
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(data, fh, ensure_ascii=False)
                os.replace(tmp, target)
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)

    def _names_file(self, name: str, filename: str | None) -> Path:
        return Path(self.directory) / f"names-{self.fingerprint}-{self.get_cache_key(name, filename)}.json"


def attach(env: Environment) -> TemplateCache | None:
    """Give `env` the per-user cache, unless its folder cannot be made or written."""
    try:
        directory = folder()
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # RuntimeError: no home directory to be found
        return None
    if not os.access(directory, os.W_OK | os.X_OK):
        return None
    cache = TemplateCache(directory, fingerprint(env))
    env.bytecode_cache = cache
    return cache


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "drafter"


def fingerprint(env: Environment) -> str:
    """What the compiled code depends on besides the source."""
    finalize = env.finalize
    settings = (
        FORMAT, sys.version_info[:2], jinja2.__version__, type(env).__qualname__,
        env.block_start_string, env.block_end_string, env.variable_start_string,
        env.variable_end_string, env.comment_start_string, env.comment_end_string,
        env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
        env.newline_sequence, env.keep_trailing_newline, env.optimized, env.autoescape,
        sorted(env.extensions), getattr(finalize, "__qualname__", repr(finalize)),
    )
    return hashlib.sha1(repr(settings).encode()).hexdigest()[:12]
