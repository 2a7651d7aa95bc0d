"""A pack's default report body: outline.toml, one `[[outline]]` per row of the 大纲 sheet.

    [[outline]]
    level = "一级标题"        # 一级标题 … 四级标题 / 要点 / 段落
    text = "坚持党建引领，统筹推进全面依法治理"   # heading, or a point's lead phrase
    body = "共受理法律援助案件【法律援助.受理案件】。"   # optional: 内容 (narrative syntax)
    hint = "写本部分……"      # optional: goes to the 提示 column

    [[required]]              # a part every report of the kind must have
    part = "党政主要负责人履行推进法治建设第一责任人职责情况"
    words = ["第一责任人", "主要负责人"]   # a 一级标题 holding one of these is that part
    from_year = 2019          # optional: only reports on this year or later

`drafter init` writes these rows into 大纲; an old workbook without a 大纲 sheet is rendered
from them. A 大纲 whose 一级标题 lack a required part is a warning (checks/body_rows.py). This module only reads and checks the file (schema: config/schema.py OUTLINE);
whether each 【reference】 names an indicator of the pack is tests/config/test_outline_defaults.py
for the built-in packs and `drafter check` for a workbook.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drafter.config import schema, tomlfile
from drafter.model.figures import OutlineRow
from drafter.model.levels import Level, skipped


@dataclass(frozen=True)
class DefaultRow:
    level: str  # one of model.levels.NAMES, as written in the file (and in the 大纲 sheet's 层级 column)
    text: str = ""  # 标题: heading or lead
    body: str = ""  # 内容
    hint: str = ""  # 提示

    @property
    def number(self) -> Level:
        return Level.named(self.level)

    @property
    def heading(self) -> bool:
        return self.number.heading


@dataclass(frozen=True)
class RequiredPart:
    """A part a report of the kind must have: named on 填写说明, looked for among the 大纲's
    一级标题 by its words."""

    part: str
    words: tuple[str, ...]
    from_year: int = 0  # reports on an earlier year are not held to it (0: every year)

    def applies(self, year: str) -> bool:
        """Whether a report on `year` (基本信息 年度, as typed) must have this part: a year
        not written as digits is held to it."""
        year = year.strip()
        return not (self.from_year and year.isdigit() and int(year) < self.from_year)


def load(path: Path) -> list[DefaultRow]:
    """The rows of one outline.toml, checked: file, line and key named for the first mistake."""
    return load_all(path)[0]


def load_all(path: Path) -> tuple[list[DefaultRow], list[RequiredPart]]:
    """The rows and the required parts of one outline.toml."""
    data, source = tomlfile.read(path, "默认大纲")
    rows = parse(data, source)
    schema.validate({"required": data.get("required", [])}, schema.OUTLINE, source)
    parts = [RequiredPart(r["part"].strip(), tuple(w.strip() for w in r["words"] if w.strip()),
                          r.get("from_year", 0)) for r in data.get("required", [])]
    return rows, parts


def parse(data: dict, source: tomlfile.Source) -> list[DefaultRow]:
    """`[[outline]]` tables (an outline.toml's, or a sample's .toml) as checked rows."""
    schema.validate({"outline": data.get("outline", [])}, schema.OUTLINE, source)
    rows = [DefaultRow(level=r["level"], text=r.get("text", "").strip(),
                       body=r.get("body", "").strip(), hint=r.get("hint", ""))
            for r in data.get("outline", [])]
    last_heading = 0
    for n, row in enumerate(rows):
        if row.heading or row.number == Level.POINT:
            if not row.text:
                what = "标题" if row.heading else "要点的引领语(如“理论学习扎实推进”)"
                raise schema.error(source, ("outline", n), f"层级为{row.level},应写 text({what})")
        elif row.text:
            raise schema.error(source, ("outline", n, "text"),
                               "段落没有标题,这段文字请写在 body 中")
        elif not row.body:
            raise schema.error(source, ("outline", n), "段落应写 body(这一段的文字)")
        if row.heading:
            if why := skipped(row.number, last_heading, "开头"):
                raise schema.error(source, ("outline", n, "level"), why)
            last_heading = row.number
    return rows


def as_rows(defaults: list[DefaultRow]) -> tuple[list[OutlineRow], list[str]]:
    """The rows as the 大纲 sheet holds them (marked as the pack's defaults), and the hints."""
    return ([OutlineRow(level=r.number, title=r.text, body=r.body, default=True)
             for r in defaults], [r.hint for r in defaults])


__all__ = ["DefaultRow", "RequiredPart", "as_rows", "load", "load_all", "parse"]
