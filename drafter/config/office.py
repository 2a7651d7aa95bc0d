"""An office's own folder: the starting files `drafter templates copy` writes.

The folder holds any subset of a pack's files; what it holds wins, what it lacks comes from
the pack (lookup order in drafter.config.packs). The starting files change nothing until edited:
main.j2 only extends the pack's base.j2, and the other files hold comments.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from drafter.config import packs, paths
from drafter.errors import OutputError, reason
from drafter.files import same_file, write_bytes

_BLOCK = re.compile(r"{%-?\s*block\s+(\w+)\s*-?%}")
_EXTENDS = re.compile(r"""{%-?\s*extends\s+["']([^"'/]+)/base\.j2["']\s*-?%}""")


def blocks(kind: str) -> list[str]:
    """The blocks a pack's base.j2 offers, in order: those of the base.j2 it extends
    (`{% extends "司法行政通用/base.j2" %}`, of which it rewrites a few), else its own."""
    folders = {p.kind: p.path for p in packs.available(abstract=True)}
    source = paths.read_text(packs.find(kind).path / "base.j2")
    seen = {kind}
    while (m := _EXTENDS.search(source)) and m.group(1) in folders and m.group(1) not in seen:
        seen.add(m.group(1))
        source = paths.read_text(folders[m.group(1)] / "base.j2")
    return _BLOCK.findall(source)


def start_folder(kind: str, folder: Path, *, force: bool = False) -> list[Path]:
    info = packs.find(kind)
    names = blocks(kind)
    files = {
        "pack.toml": f'# 本单位文件夹基于内置模板包“{kind}”。\nbase = "{kind}"\n',
        "main.j2": _main(kind, names),
        "style.toml": _STYLE,
        "indicators.toml": _INDICATORS,
        "使用说明.md": _guide(kind, info.path, names),
    }
    _make(folder)
    clashes = [n for n in files if (folder / n).exists()]
    if clashes and not force:
        raise OutputError(f"文件夹中已有 {'、'.join(clashes)};如要覆盖,请加 --force",
                          file=str(folder))
    written = []
    for name, text in files.items():
        write_bytes(folder / name, text.encode("utf-8"))
        written.append(folder / name)
    return written


def _make(folder: Path) -> None:
    """The office folder, created if missing; OutputError when it cannot be one (a file,
    a place that cannot hold folders, a template pack's own folder: its files are inputs)."""
    for info in packs.available(abstract=True):
        if same_file(folder, info.path) or _within(folder, info.path):
            raise OutputError(f"这是模板包“{info.kind}”自己的文件夹({info.origin}),起步文件会"
                              "覆盖模板包;请另指定一个单位文件夹", file=str(folder))
    try:
        if folder.exists() and not folder.is_dir():
            raise OutputError("这是一个文件,不是文件夹;请指定一个文件夹(不存在则新建)",
                              file=str(folder))
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法建立文件夹:{reason(exc)}", file=str(folder)) from exc


def _within(folder: Path, pack: Path) -> bool:
    try:
        return Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(pack))
    except (OSError, ValueError):
        return False


def _main(kind: str, names: list[str]) -> str:
    listed = "\n".join(f"   {{% block {n} %}}…{{% endblock %}}" for n in names)
    return f"""{{#- 本单位的报告模板。它继承内置模板包“{kind}”的 base.j2，
    只需重写要改的部分（block）；没有重写的部分沿用内置写法，内置模板更新时自动跟进。
    可重写的部分：
{listed}
    在 block 中写 {{{{ super() }}}} 可保留原内容再补充。标题不写序号，序号自动编排。 -#}}
{{% extends "base.j2" %}}
"""


_STYLE = """# 本单位的样式设置：只写与内置不同的项，其余沿用内置（GB/T 9704）。
# 例：二级标题与正文同段（“（一）……。正文……”），要点每条单独成段：
# run_in = [2]
# points = "paragraph"
# 例：一级标题改用其他字体：
# [heading1]
# east_asia = "方正黑体_GBK"
# 也可以放一个 reference.docx（本单位的 Word 样式、页眉页脚），其中的样式优先。
"""

_INDICATORS = """# 本单位增加的指标和规则，会并入内置指标目录（drafter init 生成的数据表也会包含）。
# 例：
# [[indicators]]
# id = "法律援助.刑事案件"
# name = "刑事法律援助案件"
# unit = "件"
#
# [[rules]]
# kind = "subset"
# part = "法律援助.刑事案件"
# whole = "法律援助.受理案件"
"""


def _guide(kind: str, pack_path: Path, names: list[str]) -> str:
    return f"""# 本单位文件夹使用说明

这个文件夹基于内置模板包“{kind}”。生成报告时加上 `--office 本文件夹`：

    drafter init --kind {kind} --office 本文件夹 -o 数据.xlsx
    drafter render 数据.xlsx -o 报告.docx --office 本文件夹

查找顺序：本文件夹 → 环境变量 DRAFTER_TEMPLATES 中的文件夹 → 内置模板包。
本文件夹有的文件优先，没有的沿用内置（{pack_path}）。

- `main.j2`：重写某些部分的写法。可重写的部分：{"、".join(names)}。
- `indicators.toml`：增加指标和校验规则。
- `style.toml`：改样式设置；`reference.docx`：本单位的 Word 样式、页眉页脚。

详见 drafter 的 docs/customization.md。
"""
