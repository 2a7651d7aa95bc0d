"""`--jobs N`: the files of a batch in worker processes, with the same outcome as one process.

The same findings table, the same JSON, the same files (byte for byte), the same summary and
the same exit code for --jobs 1 (in this process) and --jobs 2 (two worker processes), on a
batch with a passing, a failing and an unreadable workbook.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter import batch, parallel
from drafter.cli import app
from tests.conftest import SAMPLES

runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """001 and 003 pass, 004 has errors in its figures, 坏文件 is not a workbook; 乙/001
    clashes with 001 by name."""
    folder = tmp_path_factory.mktemp("批量")
    for prefix in ("001", "003", "004"):
        (sample,) = SAMPLES.glob(f"{prefix}_*.xlsx")
        shutil.copy(sample, folder / sample.name)
    (folder / "坏文件.xlsx").write_text("单位,数字\n甲,1\n", encoding="utf-8")
    return folder


def _same_text(a: str, b: str, *folders: Path) -> None:
    for f in folders:  # where each run wrote is the only difference
        a, b = a.replace(str(f), "<out>"), b.replace(str(f), "<out>")
    assert a == b


def test_check_gives_the_same_table_json_and_exit_code(mixed: Path) -> None:
    one, two = run("check", mixed, "--jobs", "1"), run("check", mixed, "-j", "2")
    assert one.exit_code == two.exit_code == 2  # the worst file: one that cannot be read
    assert one.output == two.output
    assert "坏文件.xlsx" in one.output and "共 4 个数据表" in one.output
    one = run("check", mixed, "--jobs", "1", "--format", "json")
    two = run("check", mixed, "--jobs", "2", "--format", "json")
    assert one.exit_code == two.exit_code == 2
    assert one.output == two.output and '"valid": false' in one.output


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_render_writes_the_same_files_and_summary(mixed: Path, tmp_path: Path) -> None:
    other = tmp_path / "乙"
    other.mkdir()
    (first,) = mixed.glob("001_*.xlsx")
    shutil.copy(first, other / first.name)  # same name as 001: skipped, said so
    outs = [tmp_path / "一个进程", tmp_path / "两个进程"]
    done = [run("render", mixed, other, "-o", outs[0], "--jobs", "1"),
            run("render", mixed, other, "-o", outs[1], "--jobs", "2")]
    assert done[0].exit_code == done[1].exit_code == 2
    _same_text(done[0].output, done[1].output, *outs)
    assert "同名" in done[0].output
    assert _digests(outs[0]) == _digests(outs[1])
    assert len(_digests(outs[0])) == 2  # 001 and 003; 004 has errors, 坏文件 is unreadable


def _content(path: Path) -> list[tuple[str, bytes]]:
    """A workbook's parts, without what records the moment it was written."""
    with zipfile.ZipFile(path) as z:
        return [(n, re.sub(rb"\d{4}-\d\d-\d\d \d\d:\d\d", b"T", z.read(n)))
                for n in z.namelist() if n != "docProps/core.xml"]


def test_rollup_writes_the_same_city_workbook(tmp_path: Path) -> None:
    districts = SAMPLES / "005_示例市区县"
    outs = [tmp_path / "一.xlsx", tmp_path / "二.xlsx"]
    done = [run("rollup", districts, "-o", outs[0], "--unit", "示例市司法局", "-j", "1"),
            run("rollup", districts, "-o", outs[1], "--unit", "示例市司法局", "-j", "2")]
    assert done[0].exit_code == done[1].exit_code == 0
    _same_text(done[0].output, done[1].output, *outs)
    assert _content(outs[0]) == _content(outs[1])


def test_a_refused_rollup_is_refused_alike(mixed: Path, tmp_path: Path) -> None:
    done = [run("rollup", mixed, "-o", tmp_path / f"{j}.xlsx", "-j", j) for j in ("1", "2")]
    assert done[0].exit_code == done[1].exit_code == 2
    _same_text(done[0].output, done[1].output, tmp_path)
    assert not list(tmp_path.glob("*.xlsx"))


def test_rollup_with_reports_writes_what_render_and_rollup_write(tmp_path: Path) -> None:
    """--reports: each workbook read once, and the same reports and city workbook as a
    render and a rollup, in one process or two."""
    districts = SAMPLES / "005_示例市区县"
    apart = [run("render", districts, "-o", tmp_path / "报告"),
             run("rollup", districts, "-o", tmp_path / "分开.xlsx", "--unit", "示例市司法局")]
    assert [d.exit_code for d in apart] == [0, 0]
    for j in ("1", "2"):
        both = run("rollup", districts, "-o", tmp_path / f"一起{j}.xlsx", "--unit", "示例市司法局",
                   "--reports", tmp_path / f"报告{j}", "-j", j)
        assert both.exit_code == 0, both.output
        assert _digests(tmp_path / f"报告{j}") == _digests(tmp_path / "报告")
        assert len(_digests(tmp_path / "报告")) == 4
        assert _content(tmp_path / f"一起{j}.xlsx") == _content(tmp_path / "分开.xlsx")
        assert "共 4 个数据表,生成 4 个" in both.output.replace("，", ",")
        assert apart[1].output.replace("分开", "X") in both.output.replace(f"一起{j}", "X")


def test_rollup_with_reports_refused_writes_the_passing_reports_only(mixed: Path,
                                                                     tmp_path: Path) -> None:
    done = run("rollup", mixed, "-o", tmp_path / "全市.xlsx", "--reports", tmp_path / "报告")
    assert done.exit_code == 2  # the worst file: one that cannot be read
    assert not (tmp_path / "全市.xlsx").exists() and "不能汇总" in done.output
    assert "共 4 个数据表,生成 2 个" in done.output.replace("，", ",")  # the reports written
    assert sorted(p.name[:3] for p in (tmp_path / "报告").iterdir()) == ["001", "003"]
    for bad in (tmp_path / "全市.xlsx", tmp_path / "报告.docx"):  # not a folder
        if bad.suffix == ".xlsx":
            bad.write_bytes(b"x")
        refused = run("rollup", mixed, "-o", tmp_path / "另.xlsx", "--reports", bad)
        assert refused.exit_code == 2 and "--reports 应为存放各区县报告的文件夹" in refused.output
    assert not (tmp_path / "另.xlsx").exists()


def test_workers_default_to_the_cores_for_a_batch_worth_it(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: 4)
    per = parallel.FILES_PER_WORKER
    assert parallel.workers(None, 3) == 1  # starting workers would cost more than it saves
    assert parallel.workers(None, 2 * per) == 2
    assert parallel.workers(None, 100 * per) == 4
    assert parallel.workers(2, 1) == 1  # never more processes than files
    assert parallel.workers(3, 10) == 3 and parallel.workers(1, 1000) == 1


def test_outcomes_keep_the_findings_not_the_workbook(mixed: Path) -> None:
    """3,000 full results would not fit in memory: a batch keeps each file's findings and
    what became of it; rollup keeps the figures it sums, without their cells."""
    run_ = batch.check([mixed], jobs=1)
    full = [o for o in run_.outcomes if o.result is not None]
    assert full and all(not o.result.data.figures and not o.result.data.outline for o in full)
    assert any(o.result.report.errors for o in full)
    districts = sorted((SAMPLES / "005_示例市区县").glob("*.xlsx"))
    session = batch.Session()
    whole = [session.check(p).result for p in districts]
    kept = [batch.slim(session.check(p), figures=True).result for p in districts]
    for w, k in zip(whole, kept, strict=True):
        assert k.data.facts == w.data.facts
        typed = {i: f for i, f in w.data.figures.items() if not f.missing}
        assert {i: (f.value, f.previous, f.qualifier, f.digits) for i, f in typed.items()} == {
            i: (f.value, f.previous, f.qualifier, f.digits) for i, f in k.data.figures.items()
            if not f.missing}
        assert all(f.cell is None for f in k.data.figures.values())
        assert all(f.kind == "rate" for f in k.data.figures.values() if f.missing)
    rates = [k.data.figures[i] for k in kept for i in k.data.figures
             if k.data.figures[i].missing]
    assert rates and len({id(f) for f in rates}) < len(rates)  # blank rates: shared objects


def test_what_a_worker_raises_reaches_the_parent_with_its_stack() -> None:
    """--debug prints a failed file's traceback: from a worker it comes as a note."""
    import pickle
    import threading

    from drafter.errors import InputFileError

    def fail(exc: BaseException) -> BaseException:
        try:
            raise exc
        except BaseException as caught:
            return caught

    sent = pickle.loads(pickle.dumps(parallel._portable(fail(InputFileError(
        "文件已损坏", file="甲.xlsx", where="指标")))))
    assert isinstance(sent, InputFileError) and sent.file == "甲.xlsx" and sent.where == "指标"
    assert any("fail" in note for note in sent.__notes__)  # the worker's stack
    odd = parallel._portable(fail(ValueError(threading.Lock())))  # a lock cannot be pickled
    back = pickle.loads(pickle.dumps(odd))
    assert isinstance(back, RuntimeError) and "ValueError" in str(back)
    assert parallel._portable(None) is None


def test_the_first_files_are_done_here_while_the_workers_start(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    """A batch's first files are done in this process while the forkserver and the workers
    start (parallel.ahead); the rest by the workers; the outcomes in order and the files the
    same as one process's."""
    assert parallel.ahead(300, 2) == parallel.FILES_PER_WORKER
    assert parallel.ahead(12, 2) == 4 and parallel.ahead(2, 2) == 0
    folder = tmp_path / "区县"
    folder.mkdir()
    for sample in sorted((SAMPLES / "005_示例市区县").glob("*.xlsx")):
        for k in range(3):
            shutil.copy(sample, folder / f"{k}{sample.name}")
    here: list[str] = []
    render = batch.Session.render
    monkeypatch.setattr(batch.Session, "render",
                        lambda self, path, out, **kw: here.append(path.name)
                        or render(self, path, out, **kw))
    outs = [tmp_path / "一个进程", tmp_path / "两个进程"]
    runs = [batch.render([folder], out, jobs=j) for out, j in zip(outs, (1, 2), strict=True)]
    names = sorted(p.name for p in folder.iterdir())
    assert here[:len(names)] == names  # --jobs 1: all here, in order
    assert here[len(names):] == names[:parallel.ahead(len(names), 2)]  # --jobs 2: the first
    assert [o.path.name for o in runs[1].outcomes] == names
    assert [o.code for o in runs[0].outcomes] == [o.code for o in runs[1].outcomes]
    assert _digests(outs[0]) == _digests(outs[1]) and len(_digests(outs[0])) == len(names)


def test_a_worker_that_dies_is_said_in_chinese_whenever_it_dies() -> None:
    """Handing out the tasks (a thread: starting workers waits on the forkserver) or taking
    their outcomes: a pool broken either way is one Chinese message, not a traceback."""
    from concurrent.futures.process import BrokenProcessPool

    from drafter.errors import DrafterError

    class Dying:
        def __init__(self, when: str) -> None:
            self.when = when

        def map(self, fn: object, tasks: object, chunksize: int) -> object:
            if self.when == "handing out":
                raise BrokenProcessPool("a worker died starting")

            def outcomes():
                yield from ()
                raise BrokenProcessPool("a worker died working")

            return outcomes()

    for when in ("handing out", "working"):
        with pytest.raises(DrafterError, match="工作进程意外退出"):
            list(parallel.results(Dying(when), [("task",)], 2))  # type: ignore[arg-type]
