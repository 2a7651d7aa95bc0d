"""What a filled workbook holds, once read: facts, figures, the 大纲's rows and old-style points.

Reading (workbook/reader.py) produces these; checking and rendering consume them. Values are
Decimal so that a rate typed as 30.43% keeps its two decimals exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from drafter.model.findings import CellRef, Finding
from drafter.model.levels import Level, is_heading

if TYPE_CHECKING:
    from drafter.config.catalog import Indicator, Rule


@dataclass(frozen=True)
class Figure:
    """One indicator's figures as the workbook gives them.

    Not a number as written (that is quantity.Written, which the cell reader produces): an
    indicator's record, with its name, kind, last year's value and cells. It keeps the cell's
    reading flat (value, qualifier, digits, scale) because every stage reads `f.value` and a
    rule may compute a value no one wrote (computed)."""

    id: str
    name: str
    unit: str = ""
    kind: str = "count"
    value: Decimal | None = None  # this period; None = left blank (missing), 0 is a real zero
    previous: Decimal | None = None  # 上年同期
    qualifier: str = ""  # one of quantity.QUALIFIERS: Written.qualifier of a typed "130余" / "约130"
    digits: int | None = None  # decimals stated (30.43% → 2, 1.42万 → 2); None for whole counts
    scale: str = ""  # "万" or "亿" when typed that way (1.42万): the report keeps that form
    cell: CellRef | None = None  # where `value` came from
    previous_cell: CellRef | None = None
    text: str = ""  # for kind "text": the cell's text
    computed: bool = False  # value filled in by a rule (a blank rate computed from its parts)
    # Typed but not readable as a number (一百三十, 1543人次 in a row of 件): value is None
    # and a finding at the cell says why; it is not also reported as not filled.
    unread: bool = False
    previous_unread: bool = False

    @property
    def missing(self) -> bool:
        return self.value is None and not self.text

    @property
    def section(self) -> str:
        return self.id.split(".", 1)[0]


_new = object.__new__


def read_figure(id: str, name: str, unit: str, kind: str, value: Decimal | None,
                previous: Decimal | None, qualifier: str, digits: int | None, scale: str,
                cell: CellRef | None, previous_cell: CellRef | None, text: str, unread: bool,
                previous_unread: bool) -> Figure:
    """Figure(…) with every field but `computed` given, as the reader makes one for each row
    of 指标: the same object, made without the frozen __init__'s object.__setattr__ call for
    each of its 15 fields (3.1 → 0.8 µs; a sheet of 10,000 rows reads ~20 ms sooner).
    tests/model/test_figures.py holds the two equal, field for field."""
    f = _new(Figure)
    f.__dict__.update(id=id, name=name, unit=unit, kind=kind, value=value, previous=previous,
                      qualifier=qualifier, digits=digits, scale=scale, cell=cell,
                      previous_cell=previous_cell, text=text, computed=False, unread=unread,
                      previous_unread=previous_unread)
    return f


@dataclass(frozen=True)
class Point:
    """A narrative point (要点 sheet row): becomes one 一是…二是… item."""

    section: str  # 板块
    lead: str  # 要点: the short lead phrase
    body: str  # 内容: the narrative
    slot: str = ""  # id of the catalog's point slot it fills ("" = an extra point)
    cell: CellRef | None = None
    lead_cell: CellRef | None = None  # the 要点 cell


# What a clerk writes in a 导语 (any fact whose key ends so, or the 大纲's opening paragraph)
# to leave it out: the report has no preamble, not the pack's default one.
LEAVE_OUT_WORDS = ("无", "(无)", "略", "(略)", "不写")


def leaves_out(text: str) -> bool:
    """`text` is one of LEAVE_OUT_WORDS (full- or half-width brackets, spaces ignored)."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).split()) in LEAVE_OUT_WORDS


def is_preamble(key: str) -> bool:
    """A fact that is a preamble: 导语, 思路导语, 不足导语 … (a 导语 written 无 leaves it out)."""
    return key.endswith("导语")


# 基本信息 rows every pack may have: the title in full, and the heading levels run in.
TITLE_FACT, RUN_IN_FACT = "报告标题", "接排层级"


@dataclass(frozen=True)
class OutlineRow:
    """A 大纲 sheet row: a heading (level 1–4), a point (一是…) or a paragraph, in order."""

    level: Level  # a heading (1–4), a point or a paragraph
    title: str = ""  # heading text, or a point's lead
    body: str = ""  # 内容: narrative with 【references】
    cell: CellRef | None = None  # the 内容 cell
    title_cell: CellRef | None = None
    default: bool = False  # as the pack's outline.toml has it (init wrote it, nobody changed it)

    @property
    def heading(self) -> bool:
        return is_heading(self.level)


@dataclass
class WorkbookData:
    path: str
    kind: str = ""  # the pack kind recorded in the workbook (说明 sheet), if any
    facts: dict[str, str] = field(default_factory=dict)
    fact_cells: dict[str, CellRef] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)
    points: list[Point] = field(default_factory=list)
    outline: list[OutlineRow] = field(default_factory=list)  # the 大纲 sheet's rows
    has_outline: bool = False  # the workbook has a 大纲 sheet (a new-style workbook)
    # The clerk's own indicators (指标 rows with 类型) and rules (规则 sheet): merged over the
    # pack's catalog for this workbook (config.catalog.Indicator / Rule).
    own_indicators: list[Indicator] = field(default_factory=list)
    own_rules: list[Rule] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # from reading: notes and errors
    # What `drafter init` recorded on 基本信息 (单位文件夹, 目录指纹), see workbook/origin.py.
    origin: dict[str, str] = field(default_factory=dict)
    # A city workbook made by drafter rollup: each district's name and figures (区县数据).
    districts: list[tuple[str, dict[str, Figure]]] = field(default_factory=list)
    city: bool = False  # it has rollup's own sheets (区县数据, 汇总来源): not a district's
