"""The 填写说明 lines on references (【编号】), with examples from the workbook's own catalog."""

from __future__ import annotations

from drafter.config.catalog import Catalog, Indicator


def _pick(catalog: Catalog, kind: str, preferred: str) -> Indicator | None:
    found = catalog.indicators.get(preferred)
    if found is not None and found.kind == kind:
        return found
    fits = [i for i in catalog.indicators.values()
            if i.kind == kind and i.unit and len(i.name) >= 4 and "其中" not in i.name]
    return min(fits, key=lambda i: len(i.name), default=None)  # a short name reads best


def lines(catalog: Catalog) -> list[tuple[str, bool]]:
    """(text, bold) lines for the guide sheet; examples use this catalog's ids and names."""
    count = _pick(catalog, "count", "法律援助.受理案件")
    rate = _pick(catalog, "rate", "")
    if count is None:
        return []
    out = [
        ("在文字中引用数字", True),
        ("· “内容”和导语等文字中,用全角方括号引用指标:报告里写出“指标”表中的数,"
         "写法与报告其他地方一样,改了数字文字自动跟着变。", False),
        (f"  例:共{count.name}【{count.id}】 → 共{count.name}236{count.unit}", False),
        (f"· 方括号里写编号(指标表 A 列),或写指标名称:【{count.name}】;名称重复时先找本行板块的。",
         False),
        (f"· 竖线后可加写法(| 或 ｜ 都可以):【{count.id}|同比】→ 同比增长12.3%;"
         f"【{count.id}|余】→ 230余{count.unit}" + (f";【{rate.id}|1位小数】→ 30.4%" if rate else ""),
         False),
        ("  其他写法:万、亿、约、超、近、多、N位小数、上年、中文(两场次)、数字(不带单位)、"
         "倍:另一指标(是另一指标的几倍)。", False),
        ("· 年份也可以引用:【年度】年 → 基本信息的年度;【年度-1】年、【年度+1】年 → 上一年、下一年。"
         "明年结转数据表时,句子里的年份跟着变。", False),
        ("· 要写出方括号本身,连写两个:【【注】】 → 【注】。文字中的 {{ }} 等符号照原样写出。", False),
        ("· 文字里直接写的数字,检查时会列出,并提示可改成的引用;与指标表不符的会报错。", False),
        ("", False),
    ]
    return out
