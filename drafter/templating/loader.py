"""Where templates come from: the office folder and the packs, and nowhere else.

A template name is a relative path inside one of those folders (`base.j2`,
`年度工作总结/base.j2`). Absolute names, `..`, and files that are links or not regular files
are refused with a Chinese message naming the template (config/paths.vet_file).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, TemplateNotFound

from drafter.config import paths
from drafter.errors import TemplateError

MAX_TEMPLATE_BYTES = 1_000_000


def pieces(name: str) -> list[str]:
    """The path components of a template name; refuses a name leaving its folder."""
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts or "\0" in name:
        raise TemplateError(f"拒绝读取模板“{name}”:模板只能引用单位文件夹和模板包中的文件,"
                            "不能用绝对路径或“..”")
    return [p for p in parts if p and p != "."]


class FolderLoader(BaseLoader):
    """Templates from `folders` in order, each file vetted inside its own folder."""

    def __init__(self, folders: list[Path]):
        self.folders = [Path(f) for f in folders]

    def get_source(self, environment: Any, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        parts = pieces(template)
        if not parts:
            raise TemplateNotFound(template)
        for folder in self.folders:
            path = folder.joinpath(*parts)
            if not paths.present(path, folder, error=TemplateError):
                continue
            source = paths.read_text(path, folder, limit=MAX_TEMPLATE_BYTES, error=TemplateError)
            mtime = os.path.getmtime(path)

            def uptodate(path: Path = path, mtime: float = mtime) -> bool:
                try:
                    return os.path.getmtime(path) == mtime
                except OSError:
                    return False

            return source, str(path), uptodate
        raise TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        return sorted({p.relative_to(f).as_posix() for f in self.folders if f.is_dir()
                       for p in f.rglob("*.j2")})
