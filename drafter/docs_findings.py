"""The reference of finding codes, generated from the code so that it cannot drift.

`python -m drafter.docs_findings > docs/findings.md` writes it; a test compares the file on disk
with `render_reference()`.
"""

from __future__ import annotations

import sys

from drafter.checks import codes as checks
from drafter.config import codes as config
from drafter.model.findings import Code, Severity
from drafter.templating import codes as templating
from drafter.word import codes as word
from drafter.workbook import codes as workbook

# Every stage's list of codes, in the order the stages run (tests/test_home_codes.py holds
# each code to its stage's list and each stage's codes module to this tuple).
STAGES = (config, workbook, checks, templating, word)
ALL_CODES: tuple[Code, ...] = tuple(code for stage in STAGES for code in stage.CODES)

_GROUPS = {
    Severity.ERROR: "错误表示数据或规则有误,检查不通过;请改正后再生成报告。",
    Severity.WARNING: "警告值得再看一眼,不影响检查通过。",
    Severity.INFO: "提示只是告知,例如程序替你算出的数值。",
}


def render_reference() -> str:
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
        infos = sorted((i for i in ALL_CODES if i.severity is severity), key=lambda i: i.code)
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
    from drafter.templating.punctuation import prose

    return "\n".join(prose(line) for line in lines) + "\n"


if __name__ == "__main__":
    sys.stdout.buffer.write(render_reference().encode("utf-8"))
