"""The commands layer as a library (drafter.commands: what the collection site will call):
paths and options in, a result out; nothing printed, no exit; a user's mistake is a
DrafterError; what the CLI would print is in the Said that `show` returns."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drafter.commands import check, init, render, verify
from drafter.commands.said import Said, failure
from drafter.errors import DrafterError, Exit
from tests.conftest import SAMPLE_000


def test_check_render_verify_return_results_and_print_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbook = tmp_path / SAMPLE_000.name
    shutil.copy(SAMPLE_000, workbook)
    run = check.check([workbook])
    assert run.code is Exit.OK and run.outcomes[0].result is not None
    rendered = render.render([workbook], tmp_path / "r.docx")
    assert rendered.outcomes[0].output == tmp_path / "r.docx" and (tmp_path / "r.docx").exists()
    verified = verify.verify(tmp_path / "r.docx", workbook)
    assert verified.code is Exit.OK and verified.items
    assert capsys.readouterr() == ("", "")
    said = check.show(run)
    assert isinstance(said, Said) and said.code is Exit.OK
    assert said.lines[0].text.startswith(f"{workbook}：通过。") and not said.lines[0].err


def test_a_users_mistake_is_an_error_not_an_exit(tmp_path: Path) -> None:
    with pytest.raises(DrafterError, match="请用 --kind 指定报告类型"):
        init.init(tmp_path / "new.xlsx")
    # a file of a batch that cannot be read is its outcome (the others go on), not a raise
    (o,) = render.render([tmp_path / "missing.xlsx"], tmp_path / "r.docx").outcomes
    assert o.code is Exit.UNUSABLE and "文件不存在" in o.problem
    assert not (tmp_path / "r.docx").exists()


def test_the_error_handler_says_one_line_and_the_code() -> None:
    said = failure(DrafterError("文件不存在", file="a.xlsx"))
    assert said.code is Exit.UNUSABLE and [(x.text, x.err) for x in said.lines] == [
        ("错误：a.xlsx：文件不存在", True)]
    bug = failure(ValueError("x"))
    assert bug.code is Exit.BUG and len(bug.lines) == 1 and "内部错误" in bug.lines[0].text
    try:
        raise ValueError("x")
    except ValueError as exc:  # as the handler gets it: raised, with its traceback
        shown = failure(exc, debug=True).lines
    assert shown[0].text.startswith("Traceback") and "内部错误" in shown[1].text
    assert failure(KeyboardInterrupt()).code is Exit.INTERRUPTED
