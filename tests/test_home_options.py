"""A phrasing option has one home, drafter/model/options.py: nothing else in drafter/ declares
an option, keeps a list of option words, or tells an option by its word.

The walk reads every module's syntax tree (not its text), and refuses outside the home:
- a class Option or Options, a function parse_options or option_names, a call Option(...)
  (typer.Option, the CLI's, is not ours);
- a module-level name with OPTION in it (QUALIFIER_OPTIONS = (...) was one);
- a comparison (==, in, startswith, endswith) with a word a clerk types for an option, or with
  an option's name (`how == "同比"` in publish/trace.py was one);
- the spelling of an option with a number of decimals (f"{n}位小数", in importing was one).
Words that are also another idea's own are allowed (SHARED, each with the reason).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from pathlib import Path

from drafter.model.options import OPTIONS
from drafter.model.quantity import QUALIFIERS, SCALES
from tests.conftest import ROOT

PACKAGE = ROOT / "drafter"
HOME = PACKAGE / "model" / "options.py"
SHARED = {
    **{q: "a qualifier: its meaning's home is model/quantity.py" for q in QUALIFIERS},
    **{s: "a scale: its meaning's home is model/quantity.py" for s in SCALES},
    "上年同期": "the 指标 sheet's column of last year's values",
    "数字": "an indicator's 类型 and a word of imported text",
    "倍": "a unit of an imported figure (2.3倍)",
}
DECLARING_NAMES = {"Option", "Options", "parse_options", "option_names"}
_DECIMALS = re.compile(r"^\d*位小数$")


def _option_words() -> set[str]:
    words = {w for o in OPTIONS for w in o.words} | {o.name for o in OPTIONS}
    return words - set(SHARED)


def _strings(node: ast.AST) -> Iterable[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.Tuple | ast.List | ast.Set):
        for element in node.elts:
            yield from _strings(element)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
            "frozenset", "set", "tuple"):
        for arg in node.args:
            yield from _strings(arg)


def _docstrings(tree: ast.AST) -> set[int]:
    return {id(n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(
        func, ast.Attribute) else ""


def _declares(func: ast.expr) -> bool:
    """Option(...) or options.Option(...); typer.Option is the CLI's, not ours."""
    return _name(func) == "Option" and not (
        isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
        and func.value.id == "typer")


def violations(files: Iterable[Path]) -> list[str]:
    """`file:line what` for every option defined or read outside the home."""
    words = _option_words()
    found: list[str] = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        docs = _docstrings(tree)
        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path

        def add(node: ast.AST, what: str, where: Path | str = where) -> None:
            found.append(f"{where}:{getattr(node, 'lineno', 0)} {what}")

        for node in tree.body:  # module-level names of option lists
            targets = node.targets if isinstance(node, ast.Assign) else [
                node.target] if isinstance(node, ast.AnnAssign) else []
            for target in targets:
                code = isinstance(node.value, ast.Call) and _name(node.value.func) == "Code"
                if isinstance(target, ast.Name) and "OPTION" in target.id and not code:
                    add(node, f"an option list {target.id}")
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef | ast.FunctionDef) and node.name in DECLARING_NAMES:
                add(node, f"defines {node.name}")
            elif isinstance(node, ast.Call) and _declares(node.func):
                add(node, "declares an Option")
            elif isinstance(node, ast.Compare):
                for side in (node.left, *node.comparators):
                    for word in _strings(side):
                        if word in words:
                            add(node, f"compares with the option word “{word}”")
            elif isinstance(node, ast.Call) and _name(node.func) in ("startswith", "endswith"):
                for arg in node.args:
                    for word in _strings(arg):
                        if word in words:
                            add(node, f"tests for the option word “{word}”")
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docs and _DECIMALS.match(node.value)):
                add(node, f"spells the option “{node.value}”")
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p != HOME)


def test_no_phrasing_option_is_defined_outside_its_home() -> None:
    assert HOME.exists()
    assert not violations(_modules()), "\n".join(violations(_modules()))


def test_the_walk_finds_each_kind_of_planted_option(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text(
        'QUALIFIER_OPTIONS = ("余", "多", "约")\n'
        "class Options:\n    pass\n"
        "def parse_options(words):\n"
        '    if word in ("上年", "上年同期"):\n        pass\n'
        '    if word.startswith("中文"):\n        pass\n'
        '    return Option("rank", "名次")\n'
        'def note(how):\n    return how == "同比"\n'
        'def spell(n):\n    return f"{n}位小数" if n else "整数"\n'
        'def harmless(unit, column):\n    return unit == "倍" or column == "上年同期"\n',
        encoding="utf-8")
    found = violations([planted])
    lines = {int(v.split(":")[1].split()[0]) for v in found}
    assert lines == {1, 2, 4, 5, 7, 9, 11, 13}, found
    assert any("“同比”" in v for v in found) and any("“上年”" in v for v in found)
