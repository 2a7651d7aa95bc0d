"""Every sample renders with the same visible text as before the Word layer moved to python-docx.

The expectations in tests/golden/ were made from the hand-written OOXML writer (commit before
"Word layer on python-docx"); a change of writer, phrasing library or package layout must not
change one character a reader sees. Paragraphs and table cells are read back from the .docx
with python-docx, in document order, one line each.

To remake them after an intended change of wording: DRAFTER_REGEN_GOLDEN=1 python -m pytest
tests/test_golden_text.py, then read the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from docx import Document as open_docx
from typer.testing import CliRunner

from drafter.cli import app
from tests.conftest import ROOT, SAMPLES

GOLDEN = ROOT / "tests" / "golden"


def _sample(prefix: str) -> Path:
    (path,) = SAMPLES.glob(f"{prefix}_*.xlsx")
    return path


def docx_lines(path: Path) -> list[str]:
    """Visible text of a .docx: body paragraphs and table cells in order."""
    doc = open_docx(str(path))
    body = doc.element.body
    lines: list[str] = []
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for tr in child.iter():
                if tr.tag.endswith("}tr"):
                    cells = ["".join(t.text or "" for t in tc.iter() if t.tag.endswith("}t"))
                             for tc in tr if tc.tag.endswith("}tc")]
                    lines.append(" | ".join(cells))
    return lines


def _render(tmp_path: Path, args: list[str]) -> Path:
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(app, ["render", *args, "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    assert out.exists(), result.output
    return out


def _city(tmp_path: Path) -> Path:
    city = tmp_path / "全市.xlsx"
    districts = sorted((SAMPLES / "005_示例市区县").glob("*.xlsx"))
    result = CliRunner().invoke(
        app, ["rollup", *map(str, districts), "-o", str(city), "--unit", "示例市司法局"])
    assert result.exit_code == 0, result.output
    return city


CASES = {
    "000": lambda tmp: [str(_sample("000"))],
    "001": lambda tmp: [str(_sample("001"))],
    "002": lambda tmp: [str(_sample("002")), "--office", str(SAMPLES / "002_黄石市司法局")],
    "003": lambda tmp: [str(_sample("003"))],
    "004-draft": lambda tmp: [str(_sample("004")), "--draft"],
    "city": lambda tmp: [str(_city(tmp))],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample_text_unchanged(name: str, tmp_path: Path) -> None:
    lines = docx_lines(_render(tmp_path, CASES[name](tmp_path)))
    expected_file = GOLDEN / f"{name}.txt"
    if os.environ.get("DRAFTER_REGEN_GOLDEN"):
        expected_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert lines == expected
