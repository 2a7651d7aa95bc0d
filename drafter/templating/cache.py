"""A per-user disk cache of what Jinja works out from a template's source, so that a one-shot
`drafter render` skips Jinja's parser and compiler (about 75 of a 250 ms command):

- the compiled template: Jinja's own FileSystemBytecodeCache, which keeps the source's
  checksum beside the code, so an edited template is compiled afresh;
- the template's undeclared names with their lines and the templates it refers to, which the
  formal render checks before rendering (templating.render.Renderer._check_names), kept with the
  same checksum.

Both live in $XDG_CACHE_HOME/drafter (else ~/.cache/drafter), in files whose names carry a
fingerprint of the Python and Jinja versions and the environment's settings, so a change of
either never meets old code. A cache that cannot be written or read is silently no cache.

Compiled code runs outside the sandbox, so what is loaded is trusted only when it is ours:
- the folder is used only if it is a real folder (not a link) owned by the user and not
  writable by group or others (POSIX); it is created 0700;
- every file is sealed: an HMAC-SHA256 over its content with a per-user secret key (32 random
  bytes in the folder's `key`, 0600) is checked before anything is unpickled or unmarshalled.
  A file that fails the check is never loaded: the template is compiled afresh;
- every file is opened without blocking and read only if it is a regular file: a FIFO (or a
  device) put where a cache file or the key goes would otherwise hold every render forever.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import json
import os
import secrets
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket

from drafter import cachedir

FORMAT = 2  # bump when what is stored here changes shape (2: sealed files, bounded sandbox)
KEY_FILE = "key"
MAX_FILE = 20_000_000  # a cache file larger than this is not read
_MAC = 32  # bytes of HMAC-SHA256 before each file's content


@dataclass(frozen=True)
class Names:
    """What the undefined-name check needs of one template."""

    undeclared: frozenset[str]
    loads: tuple[tuple[str, int], ...]  # each use of an undeclared name: (name, line)
    refs: tuple[str, ...]  # templates it extends, includes or imports, by constant name


class TemplateCache(FileSystemBytecodeCache):
    def __init__(self, directory: Path, fingerprint: str, key: bytes):
        super().__init__(str(directory), pattern=f"jinja-{fingerprint}-%s.cache")
        self.fingerprint = fingerprint
        self._key = key

    def _seal(self, payload: bytes) -> bytes:
        return hmac.new(self._key, payload, hashlib.sha256).digest() + payload

    def _open(self, path: Path) -> bytes | None:
        """A sealed file's content, or None when it is missing, too large or not ours."""
        data = cachedir.read(path, MAX_FILE)
        if data is None or len(data) < _MAC:
            return None
        mac, payload = data[:_MAC], data[_MAC:]
        expected = hmac.new(self._key, payload, hashlib.sha256).digest()
        return payload if hmac.compare_digest(mac, expected) else None

    def _write(self, target: Path, payload: bytes) -> None:
        cachedir.write(target, self._seal(payload))

    def load_bytecode(self, bucket: Bucket) -> None:
        payload = self._open(Path(self._get_cache_filename(bucket)))
        if payload is None:
            return
        try:
            bucket.load_bytecode(io.BytesIO(payload))
        except Exception:  # sealed by us yet damaged: compile anew
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        buf = io.BytesIO()
        bucket.write_bytecode(buf)
        self._write(Path(self._get_cache_filename(bucket)), buf.getvalue())

    def names(self, name: str, filename: str | None, source: str) -> Names | None:
        payload = self._open(self._names_file(name, filename))
        if payload is None:
            return None
        try:
            data = json.loads(payload.decode("utf-8"))
            if data["checksum"] != self.get_source_checksum(source):
                return None
            return Names(frozenset(data["undeclared"]),
                         tuple((str(n), int(line)) for n, line in data["loads"]),
                         tuple(data["refs"]))
        except (ValueError, KeyError, TypeError):
            return None

    def save_names(self, name: str, filename: str | None, source: str, names: Names) -> None:
        data = {"checksum": self.get_source_checksum(source), "undeclared": sorted(names.undeclared),
                "loads": names.loads, "refs": names.refs}
        self._write(self._names_file(name, filename),
                    json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def _names_file(self, name: str, filename: str | None) -> Path:
        return Path(self.directory) / f"names-{self.fingerprint}-{self.get_cache_key(name, filename)}.json"


def attach(env: Environment) -> TemplateCache | None:
    """Give `env` the per-user cache, unless its folder cannot be made, written or trusted."""
    directory = cachedir.usable()
    if directory is None:
        return None
    key = secret(directory)
    if key is None:
        return None
    cache = TemplateCache(directory, fingerprint(env), key)
    env.bytecode_cache = cache
    return cache


def secret(directory: Path) -> bytes | None:
    """The per-user key sealing the cache files (made on first use, 0600), or None when
    the key file is not ours alone."""
    path = directory / KEY_FILE
    if not os.path.lexists(path):
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".key", suffix=".tmp")  # 0600
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(secrets.token_bytes(32))
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass  # another run made one meanwhile: use that
            except OSError:
                os.replace(tmp, path)  # no hard links on this file system
        except OSError:
            return None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    try:
        fd = os.open(path, cachedir.READ)
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            key = fh.read(64) if stat.S_ISREG(st.st_mode) else b""
    except OSError:
        return None
    private = not hasattr(os, "getuid") or not st.st_mode & 0o077
    if not stat.S_ISREG(st.st_mode) or not cachedir.ours(st) or not private or len(key) != 32:
        return None
    return key


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
