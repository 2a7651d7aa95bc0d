"""A pack's default report body (outline.toml): the rows `drafter init` writes into 大纲.

    [[outline]]
    level = "一级标题"     # 一级标题 … 四级标题 / 要点 / 段落
    text = "……"          # the heading, or a point's lead
    body = "……【法律援助.受理案件】……"   # optional: 内容, with references
    hint = "……"          # optional: the 提示 column

The first outline.toml along the pack's template folders is used (an office folder's, else
the pack's, else the pack it extends). A workbook made before 大纲 existed renders this.
"""

from __future__ import annotations

from pathlib import Path

from drafter.config import paths, tomlfile
from drafter.errors import CatalogError
from drafter.model.figures import PARAGRAPH, POINT, OutlineRow

OUTLINE_FILE = "outline.toml"
LEVELS = {"一级标题": 1, "二级标题": 2, "三级标题": 3, "四级标题": 4, "要点": POINT,
          "段落": PARAGRAPH}
_KEYS = {"level", "text", "body", "hint"}


def find(folders: list[Path]) -> Path | None:
    for folder in folders:
        candidate = folder / OUTLINE_FILE
        if paths.present(candidate, folder):
            return candidate
    return None


def load(folders: list[Path]) -> tuple[list[OutlineRow], list[str]]:
    """(the rows, each row's hint) of the first outline.toml in `folders`; none: ([], [])."""
    path = find(folders)
    if path is None:
        return [], []
    data, source = tomlfile.read(path, "默认大纲")
    unknown = sorted(set(data) - {"outline"})
    if unknown:
        raise CatalogError(f"无法识别的键“{unknown[0]}”(只能有 [[outline]])", file=source.file,
                           where=source.where((unknown[0],)))
    return rows_of(data.get("outline", []), source)


def rows_of(items: list[object], source: tomlfile.Source) -> tuple[list[OutlineRow], list[str]]:
    """[[outline]] tables (from outline.toml, or a sample's .toml) as rows and hints."""
    rows, hints = [], []
    for n, raw in enumerate(items):
        where = source.where(("outline", n))
        if not isinstance(raw, dict):
            raise CatalogError("[[outline]] 的每一项应是一张表", file=source.file, where=where)
        extra = sorted(set(raw) - _KEYS)
        if extra:
            raise CatalogError(f"无法识别的键“{extra[0]}”(可用:level、text、body、hint)",
                               file=source.file, where=source.where(("outline", n, extra[0])))
        level = LEVELS.get(str(raw.get("level", "")))
        if level is None:
            raise CatalogError(f"level“{raw.get('level', '')}”无法识别(可用:{'、'.join(LEVELS)})",
                               file=source.file, where=source.where(("outline", n, "level")))
        values = {k: raw.get(k, "") for k in ("text", "body", "hint")}
        for key, value in values.items():
            if not isinstance(value, str):
                raise CatalogError(f"{key} 应是文字", file=source.file,
                                   where=source.where(("outline", n, key)))
        if level <= 4 and not values["text"]:
            raise CatalogError("标题行缺少 text", file=source.file, where=where)
        rows.append(OutlineRow(level=level, title=values["text"], body=values["body"],
                               default=True))
        hints.append(values["hint"])
    return rows, hints
