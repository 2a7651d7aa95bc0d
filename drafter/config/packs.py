"""Template packs: where they are, what they hold, and the lookup order.

A pack is a folder with `pack.toml` (kind, name, description), `indicators.toml` (the
catalog), Jinja templates (`main.j2` extending `base.j2`, one block per section) and
optionally `style.toml`, `outline.toml` and `reference.docx`. The built-in report kinds' base.j2
extend the shared one (`{% extends "司法行政通用/base.j2" %}`) and rewrite a few blocks.

Lookup order for every file, first match wins — one list, tested and documented
(docs/customization.md):

1. the office folder given with `--office DIR` (any subset of a pack's files);
2. folders named in the environment variable DRAFTER_TEMPLATES (separated by os.pathsep),
   each holding packs as sub-folders;
3. the built-in packs shipped with drafter.

Catalogs and style settings are merged along the same order (pack first, office over it);
templates are looked up in it, so an office's `main.j2` can `{% extends "base.j2" %}` and
redefine only some blocks.

Inheritance: a pack's pack.toml may say `extends = "司法行政通用"`. The parent pack's catalog
is merged under the child's (same ids: the child's wins; the child's order first, each
parent-only entry placed after the one it follows in the parent; a rule the child repeats
is kept once), the parent's folder comes after the child's in the template lookup (so
style.toml, reference.docx, base.j2, main.j2 are inherited too), and outline.toml is the
child's if it has one, else the parent's. A pack marked `abstract = true` exists only to be
extended: `available()` and `find()` do not offer it as a report kind.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.config import catalog as catalog_mod
from drafter.config import default_outline as outline_mod
from drafter.config import paths, schema, tomlfile
from drafter.config import style as style_mod
from drafter.config.catalog import Catalog
from drafter.config.default_outline import DefaultRow, RequiredPart
from drafter.config.style import StyleProfile
from drafter.config.tomlfile import Source
from drafter.errors import CatalogError, PackNotFoundError

PACK_FILE = "pack.toml"
CATALOG_FILE = "indicators.toml"
STYLE_FILE = "style.toml"
REFERENCE_FILE = "reference.docx"
MAIN_TEMPLATE = "main.j2"
OUTLINE_FILE = "outline.toml"


def search_dirs() -> list[tuple[Path, str]]:
    """Folders holding packs, in lookup order, each with where it comes from."""
    dirs: list[tuple[Path, str]] = []
    for part in os.environ.get("DRAFTER_TEMPLATES", "").split(os.pathsep):
        if part.strip():
            dirs.append((Path(part).expanduser(), "DRAFTER_TEMPLATES"))
    dirs.append((paths.builtin_dir(), "内置"))
    return dirs


@dataclass(frozen=True)
class PackInfo:
    kind: str
    name: str
    description: str
    path: Path
    origin: str  # 内置 / DRAFTER_TEMPLATES / 单位文件夹
    extends: str = ""  # the kind of the pack this one builds on
    abstract: bool = False  # only for other packs to extend


def _every() -> list[PackInfo]:
    """Every pack found, abstract ones too, first occurrence of a kind winning."""
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


def available(*, abstract: bool = False) -> list[PackInfo]:
    """The report kinds on offer, first occurrence of a kind winning (as lookup does);
    with `abstract=True` also the packs that exist only to be extended (for template
    lookup by prefix, `{% extends "司法行政通用/base.j2" %}`)."""
    return [p for p in _every() if abstract or not p.abstract]


def _info(folder: Path, origin: str) -> PackInfo:
    data = _toml(folder / PACK_FILE)
    kind = str(data.get("kind") or folder.name)
    return PackInfo(kind=kind, name=str(data.get("name", kind)),
                    description=str(data.get("description", "")), path=folder, origin=origin,
                    extends=str(data.get("extends", "")).strip(),
                    abstract=bool(data.get("abstract", False)))


def _read(path: Path) -> tuple[dict[str, Any], Source]:
    """A pack.toml and its Source, checked against its schema."""
    return tomlfile.read(path, "模板包说明", check=_check)


def _check(data: dict[str, Any], source: Source) -> None:
    schema.validate(data, schema.PACK, source)


def _toml(path: Path) -> dict[str, Any]:
    return _read(path)[0]


def find(kind: str, every: list[PackInfo] | None = None) -> PackInfo:
    """The pack of `kind` among `every` pack found (default: looked for now)."""
    every = _every() if every is None else every
    for info in every:
        if info.kind == kind and not info.abstract:
            return info
    kinds = "、".join(p.kind for p in every if not p.abstract) or "无"
    if any(p.kind == kind for p in every):
        raise PackNotFoundError(f"“{kind}”是供其他模板包继承(extends)的通用模板包,不能直接作为"
                                f"报告类型使用(可用:{kinds})")
    raise PackNotFoundError(f"找不到报告类型“{kind}”的模板包(可用:{kinds})")


def lineage(info: PackInfo, every: list[PackInfo] | None = None) -> list[PackInfo]:
    """The pack, then the pack it extends, then that one's parent…; an unknown parent or a
    cycle is a CatalogError naming the pack.toml and its `extends`. `every`: as find's."""
    by_kind = {p.kind: p for p in (_every() if every is None else every)}
    chain = [info]
    while chain[-1].extends:
        child = chain[-1]
        parent = by_kind.get(child.extends)
        if parent is None:
            known = "、".join(k for k in by_kind if k != child.kind) or "无"
            raise _extends_error(child, f"指定的模板包“{child.extends}”不存在(可继承的模板包:{known})")
        if any(p.kind == parent.kind for p in chain):
            circle = " → ".join([p.kind for p in chain] + [parent.kind])
            raise _extends_error(child, f"形成了循环继承:{circle}")
        chain.append(parent)
    return chain


def _extends_error(info: PackInfo, message: str) -> CatalogError:
    """An error about the `extends` of `info`'s pack.toml, naming the file and the line."""
    _, source = _read(info.path / PACK_FILE)
    return schema.error(source, ("extends",), message)


@dataclass
class Pack:
    """A pack as used for one run: the built-in (or user) pack with an office folder over it."""

    info: PackInfo
    office: Path | None = None
    catalog: Catalog = field(default_factory=Catalog)
    style: StyleProfile = field(default_factory=StyleProfile)
    meta: dict[str, Any] = field(default_factory=dict)
    lineage: list[PackInfo] = field(default_factory=list)  # the pack, its parent, … (see load)
    outline: list[DefaultRow] = field(default_factory=list)  # the default 大纲 (outline.toml)
    parts: list[RequiredPart] = field(default_factory=list)  # … and the parts it must keep
    every: list[PackInfo] = field(default_factory=list)  # every pack found by load (abstract too)

    @property
    def part_names(self) -> tuple[str, ...]:
        """The parts a report of this kind must have, by name (填写说明 lists them)."""
        return tuple(p.part for p in self.parts)

    @property
    def template_dirs(self) -> list[Path]:
        """Template lookup order: office folder first, then the pack, then what it extends."""
        chain = [p.path for p in (self.lineage or [self.info])]
        return [p for p in (self.office, *chain) if p is not None]

    @property
    def reference_docx(self) -> Path | None:
        """The office's (else the pack's) reference.docx: a regular file in its folder, not a
        link (config/paths.py); `load` vets its content (config/reference.py)."""
        return self._first(REFERENCE_FILE)

    @property
    def outline_file(self) -> Path | None:
        """The office's outline.toml, else the pack's, else the one it inherits."""
        return self._first(OUTLINE_FILE)

    def _first(self, name: str) -> Path | None:
        for folder in self.template_dirs:
            candidate = folder / name
            if paths.present(candidate, folder):
                return candidate
        return None


def office_kind(office: Path) -> str:
    """The kind an office folder builds on (its pack.toml's `base`), or ""."""
    meta = office / PACK_FILE
    return str(_toml(meta).get("base", "")) if paths.present(meta, office) else ""


def load(kind: str, office: Path | None = None) -> Pack:
    """The pack of `kind` (with what it extends under it) and `office` (if any) over it."""
    if office is not None and not office.is_dir():
        raise PackNotFoundError(f"单位文件夹不存在:{office}")
    every = _every()  # looked for once: find, lineage and the templates' loader use it
    info = find(kind, every)
    chain = lineage(info, every)
    pack = Pack(info=info, office=office, meta=_toml(info.path / PACK_FILE), lineage=chain,
                every=every)
    pack.catalog = _catalog(chain, office)
    styles = [d / STYLE_FILE for d in reversed(pack.template_dirs)]
    pack.style = style_mod.load([p for p in styles if paths.present(p)])
    if office is not None and paths.present(office / PACK_FILE):
        office_meta, source = _read(office / PACK_FILE)
        for key in ("extends", "abstract"):
            if key in office_meta:
                raise schema.error(source, (key,), "只用于模板包;单位文件夹叠加在“base”所指的"
                                   "报告类型之上,请删去这一项")
        pack.meta.update({k: v for k, v in office_meta.items() if k != "kind"})
    if pack.reference_docx is not None:  # its checker (defusedxml …) only when there is one
        from drafter.config import reference

        reference.vet_reference(pack.reference_docx)
    if pack.outline_file is not None:
        pack.outline, pack.parts = outline_mod.load_all(pack.outline_file)
    return pack


def _catalog(chain: list[PackInfo], office: Path | None) -> Catalog:
    """The catalogs of the lineage, the farthest ancestor first, then the office's over them."""
    merged: Catalog | None = None
    for info in reversed(chain):
        path = info.path / CATALOG_FILE
        if paths.present(path):
            own = catalog_mod.load(path)
            merged = own if merged is None else inherit(merged, own)
    if merged is None:
        raise CatalogError("模板包缺少指标目录 indicators.toml", file=str(chain[0].path))
    if office is not None and paths.present(office / CATALOG_FILE):
        merged = catalog_mod.merge(merged, catalog_mod.load(office / CATALOG_FILE))
    return merged


def inherit(parent: Catalog, child: Catalog) -> Catalog:
    """The child pack's catalog over its parent's (config.catalog.merge), ordered the child's
    way: the child's entries in its own order, each parent-only entry after the entry it
    follows in the parent. A rule the child repeats word for word is kept once."""
    out = catalog_mod.merge(parent, child)
    out.sections = _ordered({s.id: s for s in out.sections}, [s.id for s in child.sections],
                            [s.id for s in parent.sections])
    out.facts = _ordered({f.key: f for f in out.facts}, [f.key for f in child.facts],
                         [f.key for f in parent.facts])
    out.indicators = _keyed(out.indicators, child.indicators, parent.indicators)
    out.points = _keyed(out.points, child.points, parent.points)
    out.headings = _keyed(out.headings, child.headings, parent.headings)
    out.rules = list(parent.rules) + [
        r for r in child.rules
        if not any(r.kind == p.kind and r.params == p.params for p in parent.rules)]
    return out


def _keyed(merged: dict[str, Any], child: dict[str, Any], parent: dict[str, Any]) -> dict[str, Any]:
    return {k: merged[k] for k in _order(list(child), list(parent))}


def _ordered(by_key: dict[str, Any], child: list[str], parent: list[str]) -> list[Any]:
    return [by_key[k] for k in _order(child, parent)]


def _order(child: list[str], parent: list[str]) -> list[str]:
    out = list(dict.fromkeys(child))
    placed = set(out)
    at = 0  # where the next parent-only key goes: after the last parent key met
    for key in parent:
        if key in placed:
            at = out.index(key) + 1
            continue
        out.insert(at, key)
        placed.add(key)
        at += 1
    return out
