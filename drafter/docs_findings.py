"""The reference of finding codes, generated from the code so that it cannot drift.

`python -m drafter.docs_findings > docs/findings.md` writes it; a test compares the file on disk
with `render_reference()`.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import sys
from pathlib import Path

import drafter
from drafter.model.findings import CODES, Severity

_GROUPS = {
    Severity.ERROR: "错误表示数据或规则有误,检查不通过;请改正后再生成报告。",
    Severity.WARNING: "警告值得再看一眼,不影响检查通过。",
    Severity.INFO: "提示只是告知,例如程序替你算出的数值。",
}


def load_all_codes() -> None:
    """Import every drafter module that registers codes (`define(` in its source).

    Codes register at import, so the reference must import their modules; importing only those
    keeps this independent of modules that need other libraries (python-docx, jinja2, …).
    """
    for mod in pkgutil.walk_packages(drafter.__path__, "drafter."):
        spec = importlib.util.find_spec(mod.name)
        origin = spec.origin if spec else None
        if origin and origin.endswith(".py") and "define(" in Path(origin).read_text("utf-8"):
            importlib.import_module(mod.name)


def render_reference() -> str:
    load_all_codes()
    lines = [
        "# 检查结果代码一览",
        "",
        "<!-- 本文件由 `python -m drafter.docs_findings > docs/findings.md` 生成，请勿手改。 -->",
        "",
        "`drafter check` 的每条结果都有一个稳定的代码、严重程度和所在单元格(如 `指标!E12`)。",
        "按严重程度分组,组内按代码排序。",
        "",
        "`drafter check --format json` 不论一个还是多个数据表,都输出 `{\"files\": [...]}`:每个文件有",
        "`file`、`kind`、`valid`、`code`(该文件的退出码)、`problem`(无法读取时的原因)、`errors`、",
        "`warnings` 和 `findings`;每条结果有 `code`、`severity`、`message`、`cells`、`section`、",
        "`indicators`,以及有算式时的 `expected`(规则要求的值:分项之和、按分子分母算出的比率、",
        "上下限、上年同期数)、`actual`(表中填写的值)和 `difference`(actual − expected)。",
    ]
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        infos = sorted((i for i in CODES.values() if i.severity is severity), key=lambda i: i.code)
        if not infos:
            continue
        lines += ["", f"## {severity.value}", "", _GROUPS[severity]]
        for info in infos:
            lines += [
                "",
                f"### `{info.code}`:{info.title}",
                "",
                info.description,
                "",
                f"示例:{info.example}",
            ]
    from drafter.templating.outline import fullwidth_punctuation

    return "\n".join(fullwidth_punctuation(line, marks=",;:?()") for line in lines) + "\n"


if __name__ == "__main__":
    sys.stdout.buffer.write(render_reference().encode("utf-8"))
