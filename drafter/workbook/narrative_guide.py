"""The 填写说明 lines on references (【编号】), with examples from the workbook's own catalog,
and every phrasing option of drafter.model.options with what it does."""

from __future__ import annotations

from drafter.config.catalog import Catalog, Indicator
from drafter.model.options import OPTIONS


def _pick(catalog: Catalog, kind: str, preferred: str) -> Indicator | None:
    found = catalog.indicators.get(preferred)
    if found is not None and found.kind == kind:
        return found
    fits = [i for i in catalog.indicators.values()
            if i.kind == kind and i.unit and len(i.name) >= 4 and "其中" not in i.name]
    return min(fits, key=lambda i: len(i.name), default=None)  # a short name reads best


def lines(catalog: Catalog) -> list[tuple[str, str]]:
    """(text, style) lines for the guide sheet (styles as guide_sheet.STYLES); the examples
    use this catalog's ids and names."""
    count = _pick(catalog, "count", "法律援助.受理案件")
    rate = _pick(catalog, "rate", "")
    if count is None:
        return []
    rate_example = f"；【{rate.id}｜1位小数】写出 30.4%" if rate else ""
    return [
        ("在文字中引用数字", "heading"),
        ("“大纲”的“内容”和“基本信息”的导语等文字中，可以用全角方括号引用“指标”表中的数。"
         "报告里写出的是指标表当时的数，写法与报告其他地方一样；数字改了，文字自动跟着变。",
         "item"),
        (f"例：共{count.name}【{count.id}】，报告中写出“共{count.name}236{count.unit}”。",
         "sub"),
        (f"方括号里写编号（“指标”表 A 列），或写指标名称，如【{count.name}】；名称在几个板块里"
         "都有时，先找本行板块的。", "item"),
        (f"竖线后面可加写法（全角“｜”、半角“|”都可以）：【{count.id}｜同比】写出“同比增长12.3%”，"
         f"【{count.id}｜余】写出“230余{count.unit}”{rate_example}。", "item"),
        *((f"“{option.name}”：{option.help}。", "sub") for option in OPTIONS),
        ("年份也可以引用：【年度】年写出“基本信息”的年度；【年度-1】年、【年度+1】年写出上一年、"
         "下一年。明年结转数据表时，句子里的年份跟着变。", "item"),
        ("要写出方括号本身，连写两个：【【注】】写出“【注】”。文字中的 {{ }} 等符号照原样写出。",
         "item"),
        ("文字里直接写的数字，检查时会列出，并提示可改成的引用；与指标表不符的是错误。", "item"),
    ]
