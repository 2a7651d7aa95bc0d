"""One home for a number as written and for a figure's source.

model/quantity.py alone defines the qualifier words (余 多 超 约 近 and 逾, 超过, 大约, 以上,
多个 for them), the patterns that read a number with its qualifier and 万/亿, and the type
every reader returns (Written); model/source.py alone writes and reads a figure's source as
text (a/b@比率). The scan below walks drafter/**/*.py and refuses a second definition; the
other tests hold the readers to the one type and the one meaning of each word.
"""

from __future__ import annotations

import ast
import string
from decimal import Decimal

import pytest

from drafter.importing import figures as imported
from drafter.model import quantity
from drafter.model.quantity import WORDS_AFTER, WORDS_BEFORE, Written
from drafter.model.source import FigureSource, derived, format_source, parse_source
from drafter.publish import numbers as polished
from drafter.workbook import cells
from tests.conftest import ROOT

PACKAGE = ROOT / "drafter"
HOME, SOURCE_HOME = "drafter/model/quantity.py", "drafter/model/source.py"
WORDS = set(WORDS_BEFORE) | set(WORDS_AFTER) | set(quantity.QUALIFIERS)
CHARS = {w for w in WORDS if len(w) == 1}
PUNCT = set(string.punctuation) | set(quantity.SCALES)


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(
                body[0].value, ast.Constant):
            out.add(id(body[0].value))
    return out


def _strings(nodes: list[ast.expr | None]) -> list[str]:
    return [n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def violations(code: str, path: str) -> list[str]:
    """What `code` (the module at `path`, from the repository root) defines that belongs to a
    home: a list or map of qualifier words, a character set of them, a pattern for a number
    with its qualifier or 万/亿, the source format's separator taken apart by hand."""
    tree = ast.parse(code)
    docs = _docstrings(tree)
    out: list[str] = []
    where = path
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict) and path != HOME:
            words = _strings(node.keys if isinstance(node, ast.Dict) else node.elts)
            if len(words) >= 2 and all(w in WORDS for w in words):
                out.append(f"{where}:{node.lineno} qualifier words {words}")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            text = node.value
            if path != HOME and "\\d" in text and any(c in text for c in CHARS | {"万", "亿"}):
                out.append(f"{where}:{node.lineno} number pattern {text!r}")
            if (path != HOME and len(text) <= 12 and len(set(text) & CHARS) >= 2
                    and set(text) <= CHARS | PUNCT):
                out.append(f"{where}:{node.lineno} qualifier characters {text!r}")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("partition", "rpartition", "split", "rsplit")
                and "@" in _strings(list(node.args)) and path != SOURCE_HOME):
            out.append(f"{where}:{node.lineno} a figure's source taken apart by hand")
    return sorted(out, key=lambda v: int(v.split(":")[1].split(" ")[0]))


def test_qualifiers_number_patterns_and_the_source_format_have_one_home() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 100 and HOME in {p.relative_to(ROOT).as_posix() for p in modules}
    found = [v for p in modules
             for v in violations(p.read_text(encoding="utf-8"), p.relative_to(ROOT).as_posix())]
    assert found == [], "\n".join(found)


def test_the_scan_sees_what_it_refuses() -> None:
    """Each kind of second definition is found (so the test above can fail), in any module
    but its home."""
    code = ('"""A docstring may say 约\\\\d万."""\n'
            '_PRE = {"逾": "超", "超过": "超"}\n'
            'AFTER = ("余", "多")\n'
            'import re\nN = re.compile(r"(约|超)?(\\d+)(万|亿)?")\n'
            'ok = "余多万亿"\n'
            'ids, _, how = "a/b@比率".partition("@")\n'
            'TAIL = ("达", "超过", "约", "共计")\n')  # words among others: not a qualifier list
    found = violations(code, "drafter/checks/planted.py")
    assert [v.split(" ", 1)[1].split(" ")[0] for v in found] == [
        "qualifier", "qualifier", "number", "qualifier", "a"], found
    at_home = violations(code, HOME)
    assert [v.split(" ", 1)[1].split(" ")[0] for v in at_home] == ["a"], at_home
    at_source = violations(code, SOURCE_HOME)
    assert [v.split(" ", 1)[1] for v in at_source] == [v.split(" ", 1)[1] for v in found[:-1]]


# ------------------------------------------------------------------ one type, one meaning


@pytest.mark.parametrize(("typed", "qualifier"), [
    ("逾5万", "超"), ("超过5万", "超"), ("大约300", "约"), ("近3万", "近"), ("130余", "余"),
    ("70多", "多"), ("约130余", "余"),
])
def test_every_reader_reads_a_written_number_the_same_way(typed: str, qualifier: str) -> None:
    cell = cells.parse(typed)
    assert isinstance(cell.written, Written) and cell.qualifier == qualifier
    (doc,) = polished.find(f"开展活动{typed}场次。")
    assert isinstance(doc, Written) and doc.text == typed
    assert doc.value == cell.value and doc.qualifier == qualifier
    found, _ = imported.find(f"开展活动{typed}场次。")
    assert isinstance(found[0], Written) and found[0].value == cell.value


def test_a_number_as_written_keeps_its_digits_and_scale() -> None:
    m = quantity.IN_PROSE.search("减免1.40万元")
    assert m is not None
    w = quantity.read(m)
    assert (w.number, w.scale, w.value, w.digits) == (Decimal("1.40"), "万", Decimal(14000), 2)


@pytest.mark.parametrize("source", [
    FigureSource(("法律援助.受理案件",)),
    FigureSource(("法律援助.受理案件",), "同比"),
    FigureSource(("复议应诉.撤回申请", "复议应诉.复议办结"), "比率"),
])
def test_a_source_written_as_text_reads_back(source: FigureSource) -> None:
    assert parse_source(format_source(source)) == source


def test_a_phrase_of_a_plain_number_has_no_source() -> None:
    assert derived("比率", FigureSource(("a.b",)), None) is None
    assert derived("倍数", FigureSource(("a.b",)), FigureSource(("c.d",))) == FigureSource(
        ("a.b", "c.d"), "倍数")
