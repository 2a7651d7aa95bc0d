"""Hostile templates (issue 14): bounded time and size, refused escapes, no internal state.

A template is code an office (or whoever sent it the folder) wrote. Whatever it does, drafter
ends with a Chinese message naming the template file and line (exit 2), within the harness's
time and memory bounds, leaking nothing, and leaving the workbook and office folder as they
were. The CLI cases run drafter in a child process and measure it; the payload families run
in process (same code path, faster).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from drafter.errors import TemplateError
from drafter.pipeline import check_workbook, render_document
from drafter.templating import deadline
from tests.conftest import SAMPLE_000
from tests.security.harness import assert_clean_refusal, digest, run_cli

LINE = re.compile(r"main\.j2[^\n]*第\d+行")


def office_with(tmp_path: Path, body: str, *, top: str = "") -> Path:
    """An office folder whose main.j2 puts `body` in the 导语 block (line 3)."""
    office = tmp_path / "单位"
    office.mkdir(parents=True, exist_ok=True)
    (office / "main.j2").write_text(
        top or '{% extends "base.j2" %}\n{% block 导语 %}\n' + body + "\n{% endblock %}\n",
        encoding="utf-8")
    return office


def render_cli(tmp_path: Path, office: Path, *extra: str, timeout: float = 30.0):
    workbook = tmp_path / "数据.xlsx"
    if not workbook.exists():
        shutil.copy(SAMPLE_000, workbook)
    before = digest(workbook), digest(office)
    out = tmp_path / "报告.docx"
    run = run_cli("render", workbook, "-o", out, "--office", office, *extra, timeout=timeout)
    assert (digest(workbook), digest(office)) == before  # inputs untouched
    if run.code != 0:
        assert not out.exists()
    return run


def refused(tmp_path: Path, body: str, *, draft: bool = False, top: str = "") -> str:
    office = office_with(tmp_path, body, top=top)
    with pytest.raises(TemplateError) as exc:
        render_document(check_workbook(SAMPLE_000, office=office), draft=draft)
    return exc.value.describe()


# --- templates that never end or explode: the CLI, measured ---------------------------------

EXPLOSIVE = {
    "huge string": "{{ ('x' * 10**10) }}",
    "huge number": "{{ 10**5000 }}",
    "power tower": "{{ 9 ** (9 ** 9) }}",
    "recursive macro": "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}",
    "include itself": "{% include 'main.j2' %}",
    "printf width": "{{ '%999999999d' % 1 }}",
    "doubling": "{% set ns = namespace(s='x') %}{% for i in range(60) %}"
                "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
    "doubling macro": "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s | length }}"
                      "{% endif %}{% endmacro %}{{ d('x', 60) }}",
    "literal in loops": "{% for i in range(10000) %}{% for j in range(10000) %}" + "y" * 1000
                        + "{% endfor %}{% endfor %}",
    "big range": "{% for i in range(10**9) %}{% endfor %}",
}


@pytest.mark.parametrize("body", EXPLOSIVE.values(), ids=EXPLOSIVE.keys())
def test_an_exploding_template_is_refused_with_its_file_and_line(tmp_path, body) -> None:
    run = render_cli(tmp_path, office_with(tmp_path, body))
    assert_clean_refusal(run, codes=(2,), max_seconds=15, max_mb=400)
    assert LINE.search(run.err), run.err


def test_a_template_extending_itself_is_refused(tmp_path) -> None:
    run = render_cli(tmp_path, office_with(tmp_path, "", top="{% extends 'main.j2' %}\n"))
    assert_clean_refusal(run, codes=(2,), naming="递归", max_seconds=15, max_mb=400)
    assert LINE.search(run.err)


def test_endless_loops_stop_at_the_time_limit(tmp_path) -> None:
    loops = ("{% for i in range(10000) %}{% for j in range(10000) %}{% for k in range(10000) %}"
             "{% endfor %}{% endfor %}{% endfor %}")
    run = render_cli(tmp_path, office_with(tmp_path, loops))
    assert_clean_refusal(run, codes=(2,), naming=f"超过 {deadline.TIME_LIMIT:g} 秒",
                         max_seconds=deadline.TIME_LIMIT + 10, max_mb=400)
    assert run.seconds >= deadline.TIME_LIMIT
    assert "main.j2" in run.err and "第3行" in run.err


def test_the_time_limit_interrupts_loops_without_calls(tmp_path, monkeypatch) -> None:
    """Iterating a string makes no call the sandbox could watch: the watchdog still stops it."""
    monkeypatch.setattr(deadline, "TIME_LIMIT", 0.5)
    body = ("{% set s = 'x' * 5000 %}{% for a in s %}{% for b in s %}{% for c in s %}"
            "{% endfor %}{% endfor %}{% endfor %}")
    assert "超过 0.5 秒" in refused(tmp_path, body)


def test_after_a_timeout_the_next_render_is_not_interrupted(tmp_path, monkeypatch) -> None:
    import time

    monkeypatch.setattr(deadline, "TIME_LIMIT", 0.3)
    refused(tmp_path, "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}"
                      "{% endfor %}")
    monkeypatch.setattr(deadline, "TIME_LIMIT", 0.5)
    office = office_with(tmp_path / "b", "平稳。")
    texts = render_document(check_workbook(SAMPLE_000, office=office)).paragraphs_text()
    time.sleep(0.8)  # past the deadline: nothing may land in this thread now
    assert "平稳。" in texts


# --- size budget: each operation that multiplies its input --------------------------------

SIZE = {
    "center filter": "{{ 'x' | center(1000000000) }}",
    "indent filter": "{{ 'x' | indent(10**9) }}",
    "format filter": "{{ '%0999999999d' | format(1) }}",
    "replace filter": "{{ 'aaaa' | replace('a', 'b' * 1000000) }}",
    "join separator": "{{ range(10000) | join('x' * 1000000) }}",
    "batch": "{{ range(10) | batch(10**9, 'x') | list }}",
    "slice": "{{ range(10) | slice(10**9) | list }}",
    "tojson indent": "{{ {'a': [1, 2]} | tojson(indent=10**8) }}",
    "wordwrap": "{{ ('x ' * 100000) | wordwrap(1, wrapstring='y' * 100000) }}",
    "str.center": "{{ 'x'.center(10**9) }}",
    "str.format width": "{{ '{:>999999999}'.format(1) }}",
    "str.format nested width": "{{ '{:>{}}'.format(1, 999999999) }}",
    "str.expandtabs": "{{ 'a\tb'.expandtabs(10**8) }}",
    "str.translate": "{{ ('x' * 1000).translate({120: 'y' * 100000}) }}",
    "str.replace": "{{ ('x' * 1000).replace('x', 'y' * 100000) }}",
    "int.to_bytes": "{{ (1).to_bytes(10**9, 'big') | length }}",
    "list repeat": "{{ ([1] * 10**7) | length }}",
    "big product": "{{ (10**1000) * (10**1000) * (10**1000) * (10**1000) * (10**1000) }}",
    "number literal": "{{ " + "9" * 5000 + " }}",
    "printed list of long strings": "{% set s = 'x' * 1000000 %}{{ [s] * 1000 }}",
    "nested lists": "{% set s = 'x' * 1000000 %}{{ [[s] * 100] * 100 }}",
    "list ~ text": "{% set s = 'x' * 1000000 %}{{ ([s] * 1000) ~ '' }}",
    "list through a filter": "{% set s = 'x' * 1000000 %}{{ ([s] * 1000) | upper }}",
    "list formatted": "{% set s = 'x' * 1000000 %}{{ '{}'.format([s] * 1000) }}",
    "list printf": "{% set s = 'x' * 1000000 %}{{ '%s' % ([s] * 1000,) }}",
    "list as json": "{% set s = 'x' * 1000000 %}{{ ([s] * 1000) | tojson }}",
    "nested parentheses": "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
}


@pytest.mark.parametrize("body", SIZE.values(), ids=SIZE.keys())
def test_size_budget(tmp_path, body) -> None:
    text = refused(tmp_path, body)
    assert "main.j2" in text, text
    assert re.search(r"过大|过长|最多|过深|运算出错", text), text


def test_a_big_but_reasonable_template_still_renders(tmp_path) -> None:
    body = "{% for i in range(2000) %}{{ loop.index }}{% endfor %}{{ 'ab' * 1000 }}"
    office = office_with(tmp_path, body)
    text = "".join(render_document(check_workbook(SAMPLE_000, office=office)).paragraphs_text())
    assert "12345678910" in text and "ab" * 1000 in text


# --- every SSTI payload family: refused, with file and line, nothing leaked ----------------

SSTI = {
    "mro walk": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "class via attr filter": "{{ 单位名称 | attr('__class__') }}",
    "map attribute": "{{ [单位名称] | map(attribute='__class__') | list }}",
    "getitem": "{{ 单位名称['__class__'] }}",
    "cycler globals": "{{ cycler.__init__.__globals__ }}",
    "joiner globals": "{{ joiner.__init__.__globals__.os }}",
    "namespace globals": "{{ namespace.__init__.__globals__ }}",
    "macro globals": "{% macro x() %}{% endmacro %}{{ x.__globals__ }}",
    "macro func": "{% macro x() %}{% endmacro %}{{ x._func.__globals__ }}",
    "self": "{{ self.__init__.__globals__ }}",
    "self context": "{{ self._TemplateReference__context }}",
    "format attribute": "{{ '{0.__class__}'.format(单位名称) }}",
    "format item walk": "{{ '{0.__class__.__mro__}'.format(法律援助) }}",
    "format_map": "{{ '{x.__class__}'.format_map({'x': 1}) }}",
    "printf filter": "{{ '%s' | format(单位名称.__class__) }}",
    "function globals": "{{ 附表.__globals__ }}",
    "bound method self": "{{ 要点.__self__ }}",
    "heading internals": "{{ 标题.data.path }}",
    "heading catalog": "{{ 标题.cat.rules }}",
    "heading private": "{{ 标题._cat }}",
    "figure model": "{{ 法律援助.受理案件.figure.cell }}",
    "figure private": "{{ 法律援助.受理案件._figure }}",
    "figure state": "{{ 法律援助.受理案件._state }}",
    "section private": "{{ 法律援助._figures }}",
    "function printed": "{{ 要点 }}",
    "heading printed": "{{ 标题 }}",
    "lipsum": "{{ lipsum.__globals__ }}",
    "range type": "{{ range.__self__ }}",
}
LEAKS = ("<class", "<function", "<bound", "<module", "object at 0x", "sample_inputs", "Rule(",
         "Catalog(", "builtins", "__", "os.")


@pytest.mark.parametrize("draft", [False, True], ids=["formal", "draft"])
@pytest.mark.parametrize("body", SSTI.values(), ids=SSTI.keys())
def test_ssti_payloads_are_refused(tmp_path, body, draft) -> None:
    office = office_with(tmp_path, body)
    with pytest.raises(TemplateError) as exc:
        render_document(check_workbook(SAMPLE_000, office=office), draft=draft)
    text = exc.value.describe()
    assert re.search(r"不允许|未定义|不能直接写出", text), text
    assert "main.j2" in text and "第3行" in text, text
    for leak in LEAKS[:-2]:
        assert leak not in text, (leak, text)


@pytest.mark.parametrize("body", ["{{ 标题.data.path }}", "{{ 标题.cat.rules }}",
                                  "{{ 法律援助.受理案件.figure }}"])
def test_internal_state_never_reaches_the_cli(tmp_path, body) -> None:
    run = render_cli(tmp_path, office_with(tmp_path, body))
    assert_clean_refusal(run, codes=(2,))
    assert LINE.search(run.err), run.err
    assert run.text.count("数据.xlsx") <= 1 and "Rule(" not in run.text  # named once, as the input


def test_documented_view_attributes_still_work(tmp_path) -> None:
    body = ("{{ 法律援助.受理案件.value }}|{{ 法律援助.受理案件.unit }}|{{ 法律援助.受理案件.name }}|"
            "{{ 法律援助.受理案件.previous is none }}|{{ 法律援助['受理案件'] }}|"
            "{{ 单位名称.replace('司法局', '') }}")
    office = office_with(tmp_path, body)
    text = render_document(check_workbook(SAMPLE_000, office=office)).paragraphs_text()[1]
    assert text.startswith("236|件|"), text
    assert "|镜湖区" in text
