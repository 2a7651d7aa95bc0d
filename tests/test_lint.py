"""ruff is part of the test run, so one command checks both."""

from __future__ import annotations

import shutil
import subprocess

from tests.conftest import ROOT


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff")
    assert ruff, "ruff is in the test extra: pip install '.[test]'"
    proc = subprocess.run([ruff, "check", "drafter", "tests", "sample_inputs"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_chinese_messages_ask_with_a_full_width_question_mark() -> None:
    """A question in Chinese is written with ？ where it is made: present.zh converts what the
    terminal, the page and the JSON show, but a message also reaches users unconverted (the
    annotated workbook's comments, an exception's text in a log)."""
    import ast
    import re

    beside = re.compile(r"[\u4e00-\u9fff“”‘’）】]\?")
    regex_calls = {"compile", "match", "search", "sub", "fullmatch", "finditer", "findall",
                   "split"}
    found = []
    for path in sorted((ROOT / "drafter").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        patterns = {id(n) for call in ast.walk(tree) if isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute) and call.func.attr in regex_calls
                    for arg in call.args[:1] for n in ast.walk(arg)}
        found += [f"{path.relative_to(ROOT)}:{node.lineno}" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in patterns and beside.search(node.value)]
    assert not found, found
