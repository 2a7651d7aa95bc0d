"""Typed schemas of the settings files: style.toml, indicators.toml, pack.toml, rule parameters.

A schema is a dict of key → Field. `validate` walks a file's data against it and raises one
Chinese CatalogError naming the file, the line and the key for the first mistake: a wrong
type, an unknown key (with the closest known key suggested), a value out of range or not
among the choices, a missing key. Plain dataclasses and isinstance: light to import.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from drafter.config.tomlfile import KeyPath, Source
from drafter.errors import CatalogError
from drafter.model import levels

# 字号 → points, as Word and WPS list them (GB/T 9704 uses 二号 titles, 三号 body text)
HAO: dict[str, float] = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16,
    "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5, "小六": 6.5,
    "七号": 5.5, "八号": 5,
}

TYPE_NAMES = {
    "str": "文字",
    "id": "指标编号",
    "key": "非空的文字",
    "ids": "指标编号或其列表",
    "int": "整数",
    "number": "数字",
    "bool": "布尔值 true 或 false",
    "size": "字号(如 \"三号\")或磅值(如 16)",
    "list": "列表",
    "table": "表",
}


@dataclass(frozen=True)
class Field:
    type: str  # a key of TYPE_NAMES
    required: bool = False
    lo: float | None = None  # inclusive bounds of a number, or of a list's length
    hi: float | None = None
    choices: tuple[Any, ...] = ()
    item: Field | None = None  # a list's items
    fields: Mapping[str, Field] | None = None  # a table's keys
    many: bool = False  # a table written as [[name]]: a list of such tables
    inf: bool = False  # a number may be inf (a range without an upper bound)
    example: str = ""
    unit: str = ""  # shown after a number's bounds: " 毫米", " 磅"


class Problem(Exception):
    """A value that does not fit its Field: `message` in Chinese, `path` to the value."""

    def __init__(self, path: KeyPath, message: str):
        super().__init__(message)
        self.path, self.message = path, message


def show(value: Any) -> str:
    """A value as it would be written in TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {show(v)}" for k, v in value.items()) + " }"
    return str(value)


def _kind(value: Any) -> str:
    for typ, name in ((bool, "布尔值"), (int, "整数"), (float, "数字"), (str, "文字"),
                      (list, "列表"), (dict, "表")):
        if isinstance(value, typ):
            return name
    return "日期"


def name(path: KeyPath) -> str:
    """("rules", 3, "threshold") → 第 4 个 [[rules]] 的“threshold”; ("numbering",) → “numbering”."""
    last = max((n for n, p in enumerate(path) if isinstance(p, int) and n), default=None)
    prefix, rest = "", path
    if last is not None:
        prefix, rest = f"第 {int(path[last]) + 1} 个 [[{path[last - 1]}]]", path[last + 1:]
    keys = ".".join(str(p) for p in rest)
    if not keys:
        return prefix
    return f"{prefix} 的“{keys}”" if prefix else f"“{keys}”"


def problem(value: Any, spec: Field, path: KeyPath = ()) -> str | None:
    """Why `value` does not fit `spec`, in Chinese (the key is named by the caller); None if it
    fits. Nested tables and lists raise Problem for their own keys."""
    typ = spec.type
    if typ in ("str", "id", "key"):
        if not isinstance(value, str) or (typ != "str" and not value.strip()):
            return _wrong(value, spec)
    elif typ == "ids":
        ids = [value] if isinstance(value, str) else value
        if not (isinstance(ids, list) and ids and all(isinstance(i, str) and i for i in ids)):
            return _wrong(value, spec)
    elif typ == "bool":
        if not isinstance(value, bool):
            return _wrong(value, spec)
    elif typ in ("int", "number"):
        if isinstance(value, bool) or not isinstance(value, int | float) or (
                typ == "int" and not isinstance(value, int)):
            return _wrong(value, spec)
        if math.isnan(value) or (math.isinf(value) and not spec.inf):
            return f"应为有限的数字,现为 {show(value)}"
        return _bounds(value, spec, spec.unit)
    elif typ == "size":
        if isinstance(value, str):
            if value not in HAO:
                close = difflib.get_close_matches(value, HAO, n=1)
                hint = f"是否想写“{close[0]}”？" if close else ""
                return (f"的字号“{value}”无法识别。{hint}可用的字号:{'、'.join(HAO)},"
                        "或以磅为单位的数字(如 16)")
            value = HAO[value]
        elif isinstance(value, bool) or not isinstance(value, int | float):
            return _wrong(value, spec)
        if not math.isfinite(value):
            return f"应为有限的数字,现为 {show(value)}"
        return _bounds(value, spec, unit=" 磅")
    elif typ == "list":
        if not isinstance(value, list):
            return _wrong(value, spec)
        if (spec.lo is not None and len(value) < spec.lo) or (
                spec.hi is not None and len(value) > spec.hi):
            count = (f"{int(spec.lo)}~{int(spec.hi)}" if spec.lo is not None and spec.hi is not None
                     else f"至少 {int(spec.lo or 0)}" if spec.hi is None else f"至多 {int(spec.hi)}")
            return f"应有 {count} 项,现有 {len(value)} 项"
        for n, item in enumerate(value):
            assert spec.item is not None
            why = problem(item, spec.item, (*path, n))
            if why:
                return f"的第 {n + 1} 项{why}"
    elif typ == "table":
        if not isinstance(value, dict):
            return _wrong(value, spec)
        assert spec.fields is not None
        check_table(value, spec.fields, path)
    if spec.choices and value not in spec.choices:
        return f"只能是 {' 或 '.join(show(c) for c in spec.choices)},现为 {show(value)}"
    return None


def _wrong(value: Any, spec: Field) -> str:
    """`value` is not of `spec`'s type, in Chinese (made only when it is so: a catalog of
    10,000 indicators checks ~50,000 values)."""
    wanted = TYPE_NAMES[spec.type] + (f"(如 {spec.example})" if spec.example else "")
    wrong = f"应为{wanted},现为{_kind(value)} {show(value)}"
    if spec.type in ("int", "number", "size", "bool") and isinstance(value, str) and _numeric(value):
        wrong += "(数字和 true/false 不加引号)"
    return wrong


def _bounds(value: float, spec: Field, unit: str = "") -> str | None:
    if spec.lo is not None and value < spec.lo:
        return f"应不小于 {_num(spec.lo)}{unit},现为 {_num(value)}{unit}"
    if spec.hi is not None and value > spec.hi:
        return f"应不大于 {_num(spec.hi)}{unit},现为 {_num(value)}{unit}"
    return None


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return text.strip() in ("true", "false")
    return True


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else str(value)


def check_table(data: Mapping[str, Any], fields: Mapping[str, Field], path: KeyPath = ()) -> None:
    """Raise Problem for the first key of `data` that does not fit `fields`."""
    for key, value in data.items():
        spec = fields.get(key)
        if spec is None:
            close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
            hint = f"是否想写“{close[0]}”？" if close else f"可用的键:{'、'.join(fields)}"
            raise Problem((*path, key), f"无法识别。{hint}")
        if spec.many:
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                raise Problem((*path, key), f"应写成一个或多个 [[{key}]] 表,现为 {show(value)}")
            for n, item in enumerate(value):
                if spec.fields is not None:  # None: checked by its own function (rules)
                    check_table(item, spec.fields, (*path, key, n))
            continue
        why = problem(value, spec, (*path, key))
        if why:
            raise Problem((*path, key), why)
    for key, spec in fields.items():
        if spec.required and key not in data:
            raise Problem(path, f"缺少必填的设置项“{key}”")


def validate(data: Mapping[str, Any], fields: Mapping[str, Field], source: Source) -> None:
    """Raise a CatalogError naming file, line and key for the first value not fitting."""
    try:
        check_table(data, fields)
    except Problem as p:
        raise error(source, p.path, p.message) from None


def error(source: Source, path: KeyPath, message: str) -> CatalogError:
    """A CatalogError about the value at `path`, naming file, line and key."""
    said = name(path)
    gap = "" if not said or said.endswith("”") or message.startswith("的") else " "
    return CatalogError(said + gap + message, file=source.file, where=source.where(path))


# ---------------------------------------------------------------- the schemas

_FONT = {
    "east_asia": Field("str", example='"仿宋_GB2312"'),
    "size": Field("size", lo=5, hi=72),
    "latin": Field("str", example='"Times New Roman"'),
    "bold": Field("bool"),
    "fallback": Field("str"),
}
_MM = Field("number", lo=0, hi=200, unit=" 毫米")

STYLE: dict[str, Field] = {
    "numbering": Field("list", lo=1, hi=4, item=Field("str"), example='["一、", "（一）", "1.", "（1）"]'),
    "run_in": Field("list", hi=4, item=Field("int", lo=1, hi=4), example="[2]"),
    "points": Field("str", choices=("inline", "paragraph")),
    "punctuation": Field("str", choices=("fullwidth", "keep")),
    "page_width_mm": Field("number", lo=50, hi=1000, unit=" 毫米"),
    "page_height_mm": Field("number", lo=50, hi=1000, unit=" 毫米"),
    "margin_top_mm": _MM,
    "margin_bottom_mm": _MM,
    "margin_left_mm": _MM,
    "margin_right_mm": _MM,
    "lines_per_page": Field("int", lo=5, hi=80),
    "chars_per_line": Field("int", lo=5, hi=80),
    **{k: Field("table", fields=_FONT, example='{ east_asia = "黑体", size = "三号" }')
       for k in ("title", "body", "heading1", "heading2", "heading3", "heading4", "table",
                 "page_number")},
    "lead_bold": Field("bool"),
    "page_numbers": Field("bool"),
}

PACK: dict[str, Field] = {
    "kind": Field("str"),
    "base": Field("str"),
    "name": Field("str"),
    "description": Field("str"),
    # the pack this one builds on: its catalog, templates and outline.toml (config/packs.py)
    "extends": Field("key", example='"司法行政通用"'),
    # only for other packs to extend: not offered as a report kind
    "abstract": Field("bool"),
}

# outline.toml: a pack's default report body (config/default_outline.py), one [[outline]] per row
OUTLINE: dict[str, Field] = {
    "outline": Field("table", many=True, fields={
        "level": Field("str", True, choices=levels.NAMES),
        "text": Field("str"),
        "body": Field("str"),
        "hint": Field("str"),
    }),
    # parts a report of the kind must have (config/default_outline.py RequiredPart)
    "required": Field("table", many=True, fields={
        "part": Field("str", True),
        "words": Field("list", True, lo=1, item=Field("str")),
        "from_year": Field("int", lo=1900, hi=2999),
    }),
}

# Rule parameters, by rule kind (checks/rules.py reads them; documented there)
RULE_PARAMS: dict[str, dict[str, Field]] = {
    "sum": {"total": Field("id", True), "parts": Field("ids", True), "minus": Field("ids"),
            "partial": Field("bool"), "label": Field("str")},
    "rate": {"rate": Field("id", True), "numerator": Field("id", True),
             "denominator": Field("ids", True)},
    "subset": {"part": Field("ids", True), "whole": Field("ids", True)},
    "range": {"indicators": Field("ids", True), "min": Field("number", inf=True),
              "max": Field("number", inf=True), "integer": Field("bool")},
    "required": {"indicators": Field("ids", True)},
    "yoy": {"indicators": Field("ids"), "threshold": Field("number", lo=0, hi=100)},
}
_THRESHOLD = Field("number", lo=0, hi=100, example="0.5")
# A sum, rate or subset rule may say what it is when it does not hold: severity = "warning"
# for a relation the office is not sure of (default "error"); catalog.Rule.severity.
LEVELLED_RULES = ("sum", "rate", "subset")
SEVERITY = Field("str", choices=("error", "warning"))

CATALOG: dict[str, Field] = {
    "checks": Field("table", fields={"yoy_threshold": _THRESHOLD}),
    "sections": Field("table", many=True, fields={"id": Field("key", True), "title": Field("str")}),
    "indicators": Field("table", many=True, fields={
        "id": Field("id", True, example='"法律援助.受理案件"'),
        "name": Field("str", True),
        "unit": Field("str"),
        "kind": Field("str", choices=("count", "amount", "rate", "number", "text")),
        "required": Field("bool"),
        "digits": Field("int", lo=0, hi=6),
        "definition": Field("str"),
        "yoy_threshold": _THRESHOLD,
        "additive": Field("bool"),
        "synonyms": Field("list", item=Field("key"), example='["受理法援案件", "办理法律援助案件"]'),
    }),
    "facts": Field("table", many=True, fields={
        "key": Field("key", True), "required": Field("bool"), "hint": Field("str"),
        "kind": Field("str", choices=("text", "date", "year")),
    }),
    "points": Field("table", many=True, fields={
        "id": Field("key", True), "lead": Field("str", True), "hint": Field("str")}),
    "headings": Field("table", many=True, fields={
        "id": Field("key", True), "text": Field("str", True), "hint": Field("str")}),
    "rules": Field("table", many=True),  # checked by kind: see check_rule
    "appendix": Field("table", fields={"title": Field("str"),
                                       "indicators": Field("list", True, lo=1, item=Field("id"))}),
}


def check_rule(raw: Mapping[str, Any], path: KeyPath = ()) -> None:
    """Raise Problem for a rule whose kind is unknown or whose parameters do not fit it."""
    kind = raw.get("kind")
    if not isinstance(kind, str) or kind not in RULE_PARAMS:
        close = difflib.get_close_matches(str(kind), list(RULE_PARAMS), n=1)
        hint = f"是否想写“{close[0]}”？" if close else ""
        if kind is None:
            raise Problem(path, f"缺少规则类型“kind”(可用:{'、'.join(RULE_PARAMS)})")
        raise Problem((*path, "kind"), f"无法识别:{show(kind)}。{hint}"
                      f"可用的规则类型:{'、'.join(RULE_PARAMS)}")
    spec = RULE_PARAMS[kind]
    if kind in LEVELLED_RULES:
        spec = {**spec, "severity": SEVERITY}
    params = {k: v for k, v in raw.items() if k != "kind"}
    check_table(params, spec, path)


def validate_catalog(data: Mapping[str, Any], source: Source) -> None:
    validate(data, CATALOG, source)
    rules = data.get("rules", [])
    for n, raw in enumerate(rules):
        try:
            check_rule(raw, ("rules", n))
        except Problem as p:
            raise error(source, p.path, p.message) from None


__all__ = ["CATALOG", "HAO", "OUTLINE", "PACK", "RULE_PARAMS", "STYLE", "Field",
           "Problem", "check_rule", "check_table", "error", "problem", "show", "validate", "validate_catalog"]
