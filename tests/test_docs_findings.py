"""docs/findings.md is generated from the stages' lists of codes and cannot drift from them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from drafter.docs_findings import ALL_CODES, render_reference

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "findings.md"


def _fw(text: str) -> str:
    from drafter.templating.outline import fullwidth_punctuation

    return fullwidth_punctuation(text, marks=",;:?()")


def test_docs_findings_md_is_the_generated_reference():
    assert DOC.read_text(encoding="utf-8") == render_reference(), (
        "docs/findings.md 已过期:运行 python -m drafter.docs_findings > docs/findings.md"
    )


def test_every_code_is_documented_once_with_severity_title_description_and_example():
    text = render_reference()
    for info in ALL_CODES:
        heading = _fw(f"### `{info.code}`:{info.title}")  # written in full-width punctuation
        assert text.count(heading) == 1
        section = text.split(heading, 1)[1].split("\n### ", 1)[0]
        assert _fw(info.description) in section
        assert _fw(f"示例:{info.example}") in section
        severity_heading = text.rfind("\n## ", 0, text.index(heading))
        assert text[severity_heading:].startswith(f"\n## {info.severity.value}\n")


def test_checks_codes_are_in_the_reference():
    text = render_reference()
    for code in ("sum-mismatch", "rate-mismatch", "rate-computed", "yoy-swing", "bad-rule"):
        assert f"`{code}`" in text


def test_groups_run_from_errors_to_notes():
    text = render_reference()
    assert text.index("\n## 错误\n") < text.index("\n## 警告\n") < text.index("\n## 提示\n")


def test_module_entry_point_prints_the_reference():
    done = subprocess.run(
        [sys.executable, "-m", "drafter.docs_findings"], capture_output=True, cwd=ROOT, check=True
    )
    assert done.stdout.decode("utf-8") == render_reference()
