"""Template packs: where they are, what they hold, and the lookup order.

A pack is a folder with `pack.toml` (kind, name, description), `indicators.toml` (the
catalog), Jinja templates (`main.j2` extending `base.j2`, one block per section) and
optionally `style.toml` and `reference.docx`.

Lookup order for every file, first match wins — one list, tested and documented
(docs/customization.md):

1. the office folder given with `--office DIR` (any subset of a pack's files);
2. folders named in the environment variable DRAFTER_TEMPLATES (separated by os.pathsep),
   each holding packs as sub-folders;
3. the built-in packs shipped with drafter.

Catalogs and style settings are merged along the same order (pack first, office over it);
templates are looked up in it, so an office's `main.j2` can `{% extends "base.j2" %}` and
redefine only some blocks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.config import catalog as catalog_mod
from drafter.config import paths, reference, schema, tomlfile
from drafter.config import style as style_mod
from drafter.config.catalog import Catalog
from drafter.config.style import StyleProfile
from drafter.errors import CatalogError, PackNotFoundError

PACK_FILE = "pack.toml"
CATALOG_FILE = "indicators.toml"
STYLE_FILE = "style.toml"
REFERENCE_FILE = "reference.docx"
MAIN_TEMPLATE = "main.j2"


def builtin_dir() -> Path:
    """The built-in packs: inside the installed package, or templates/ in a source checkout."""
    here = Path(__file__).resolve().parent.parent  # the drafter package
    installed = here / "_templates"
    if installed.is_dir():
        return installed
    return here.parent / "templates"


def search_dirs() -> list[tuple[Path, str]]:
    """Folders holding packs, in lookup order, each with where it comes from."""
    dirs: list[tuple[Path, str]] = []
    for part in os.environ.get("DRAFTER_TEMPLATES", "").split(os.pathsep):
        if part.strip():
            dirs.append((Path(part).expanduser(), "DRAFTER_TEMPLATES"))
    dirs.append((builtin_dir(), "内置"))
    return dirs


@dataclass(frozen=True)
class PackInfo:
    kind: str
    name: str
    description: str
    path: Path
    origin: str  # 内置 / DRAFTER_TEMPLATES / 单位文件夹


def available() -> list[PackInfo]:
    """Every pack found, first occurrence of a kind winning (as lookup does)."""
    seen: dict[str, PackInfo] = {}
    for folder, origin in search_dirs():
        if not folder.is_dir():
            continue
        for sub in sorted(folder.iterdir()):
            meta = sub / PACK_FILE
            if sub.is_dir() and paths.present(meta, sub):
                info = _info(sub, origin)
                seen.setdefault(info.kind, info)
    return list(seen.values())


def _info(folder: Path, origin: str) -> PackInfo:
    data = _toml(folder / PACK_FILE)
    kind = str(data.get("kind") or folder.name)
    return PackInfo(kind=kind, name=str(data.get("name", kind)),
                    description=str(data.get("description", "")), path=folder, origin=origin)


def _toml(path: Path) -> dict[str, Any]:
    """A pack.toml, checked against its schema."""
    data, source = tomlfile.read(path, "模板包说明")
    schema.validate(data, schema.PACK, source)
    return data


def find(kind: str) -> PackInfo:
    for info in available():
        if info.kind == kind:
            return info
    kinds = "、".join(p.kind for p in available()) or "无"
    raise PackNotFoundError(f"找不到报告类型“{kind}”的模板包(可用:{kinds})")


@dataclass
class Pack:
    """A pack as used for one run: the built-in (or user) pack with an office folder over it."""

    info: PackInfo
    office: Path | None = None
    catalog: Catalog = field(default_factory=Catalog)
    style: StyleProfile = field(default_factory=StyleProfile)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def template_dirs(self) -> list[Path]:
        """Template lookup order: office folder first, then the pack."""
        return [p for p in (self.office, self.info.path) if p is not None]

    @property
    def reference_docx(self) -> Path | None:
        """The office's (else the pack's) reference.docx: a regular file in its folder, not a
        link (config/paths.py); `load` vets its content (config/reference.py)."""
        for folder in self.template_dirs:
            candidate = folder / REFERENCE_FILE
            if paths.present(candidate, folder):
                return candidate
        return None


def office_kind(office: Path) -> str:
    """The kind an office folder builds on (its pack.toml's `base`), or ""."""
    meta = office / PACK_FILE
    return str(_toml(meta).get("base", "")) if paths.present(meta, office) else ""


def load(kind: str, office: Path | None = None) -> Pack:
    """The pack of `kind` with `office` (if any) merged over it."""
    if office is not None and not office.is_dir():
        raise PackNotFoundError(f"单位文件夹不存在:{office}")
    info = find(kind)
    pack = Pack(info=info, office=office, meta=_toml(info.path / PACK_FILE))
    catalogs = [d / CATALOG_FILE for d in reversed(pack.template_dirs)]
    if not paths.present(catalogs[0]):
        raise CatalogError("模板包缺少指标目录 indicators.toml", file=str(info.path))
    merged = catalog_mod.load(catalogs[0])
    for path in catalogs[1:]:
        if paths.present(path):
            merged = catalog_mod.merge(merged, catalog_mod.load(path))
    pack.catalog = merged
    styles = [d / STYLE_FILE for d in reversed(pack.template_dirs)]
    pack.style = style_mod.load([p for p in styles if paths.present(p)])
    if office is not None and paths.present(office / PACK_FILE):
        pack.meta.update({k: v for k, v in _toml(office / PACK_FILE).items() if k != "kind"})
    if pack.reference_docx is not None:
        reference.vet_reference(pack.reference_docx)
    return pack
