"""A whole round over HTTP (starlette's TestClient), on SQLite and PostgreSQL: open, hand
out, upload with an error, fix, return, accept, roll up, download; next year's workbook
rolled forward from the accepted one; history and the audit log."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from drafter.site import library
from tests.conftest import figure_cell
from tests.site.conftest import SAMPLES, broken, client, csrf, login, open_round, upload

JIA, YI = sorted(SAMPLES.glob("*.xlsx"))[:2]


def _state(html: str, office: str) -> str:
    row = re.search(rf'<tr data-office="{office}">(.*?)</tr>', html, re.S)
    assert row, html
    return re.search(r'class="state \w+">([^<]+)<', row.group(1)).group(1)


def test_a_round_from_opening_to_the_city_report(made, tmp_path: Path) -> None:
    boss, jia, yi = client(made), client(made), client(made)
    for c, name in ((boss, "shiju"), (jia, "jiaqu"), (yi, "yiqu")):
        assert login(c, name).status_code == 303
    rid = open_round(boss)
    assert _state(boss.get(f"/r/{rid}").text, "甲区司法局") == "未报送"

    # each office downloads a blank workbook (no earlier accepted one): drafter init's
    got = jia.get(f"/r/{rid}/workbook")
    assert got.status_code == 200 and "attachment" in got.headers["content-disposition"]
    assert "指标" in load_workbook(io.BytesIO(got.content)).sheetnames

    # 甲区 uploads a workbook with an error: 有错误, the findings and preview shown
    answer = upload(jia, rid, broken(JIA, tmp_path).read_bytes(), "甲区.xlsx")
    assert answer.status_code == 303
    page = jia.get(answer.headers["location"]).text
    assert "未通过：错误 2 项" in page and 'id="preview"' in page
    assert _state(boss.get(f"/r/{rid}").text, "甲区司法局") == "有错误"
    first = answer.headers["location"].rsplit("/", 1)[-1]

    # fixed and uploaded again: version 2, 待审核; the two versions compared figure by figure
    second = upload(jia, rid, JIA.read_bytes(), "甲区.xlsx").headers["location"].rsplit("/", 1)[-1]
    board = boss.get(f"/r/{rid}").text
    assert _state(board, "甲区司法局") == "待审核" and "第 2 版" in board
    diff = boss.get(f"/s/{second}/compare?with={first}").text
    assert "1 项不同" in diff and "999999" in diff and "人民调解.调处成功" in diff

    # returned with a note, which 甲区 sees; then accepted
    page = boss.get(f"/s/{second}").text
    again = boss.post(f"/s/{second}/review", data={"csrf": csrf(page), "action": "return",
                                                    "note": " "})
    assert again.status_code == 400 and 'id="review-error"' in again.text  # on its own page
    assert "退回时请写明原因" in again.text and 'id="review"' in again.text
    boss.post(f"/s/{second}/review", data={"csrf": csrf(page), "action": "return",
                                            "note": "请核对调解数"})
    assert "请核对调解数" in jia.get(f"/r/{rid}").text
    assert _state(boss.get(f"/r/{rid}").text, "甲区司法局") == "已退回"
    boss.post(f"/s/{second}/review", data={"csrf": csrf(page), "action": "accept"})
    # a version with errors cannot be accepted
    assert boss.post(f"/s/{first}/review", data={"csrf": csrf(page), "action": "accept"}
                     ).status_code == 400

    third = upload(yi, rid, YI.read_bytes(), "乙区.xlsx").headers["location"].rsplit("/", 1)[-1]
    boss.post(f"/s/{third}/review", data={"csrf": csrf(page), "action": "accept"})
    board = boss.get(f"/r/{rid}").text
    assert _state(board, "甲区司法局") == "已通过" and _state(board, "乙区司法局") == "已通过"

    # one click: the roll-up and the city report, with the annex of offices
    assert boss.post(f"/r/{rid}/report", data={"csrf": csrf(board)}).status_code == 303
    report = boss.get(f"/r/{rid}/report/docx")
    assert report.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(report.content)).paragraphs)
    assert "示例市司法局" in text
    tables = Document(io.BytesIO(report.content)).tables
    names = [row.cells[0].text for t in tables for row in t.rows]
    assert "甲区" in names and "乙区" in names and "合计" in names
    city = load_workbook(io.BytesIO(boss.get(f"/r/{rid}/report/xlsx").content))
    ws = city["指标"]
    expected = sum(load_workbook(p)["指标"][figure_cell(p, "人民调解.调处纠纷")].value
                   for p in (JIA, YI))
    assert ws[figure_cell(city, "人民调解.调处纠纷")].value == expected

    archive = zipfile.ZipFile(io.BytesIO(boss.get(f"/r/{rid}/report/archive").content))
    names = sorted(archive.namelist())
    assert "各单位/甲区司法局-第2版.xlsx" in names and "各单位/乙区司法局-第1版.docx" in names
    assert any(n.endswith("全市报告.docx") for n in names)
    assert archive.read("各单位/甲区司法局-第2版.xlsx") == JIA.read_bytes()

    # history: the accepted figures by office; the superior sees both, an office its own
    shown = boss.get("/history?kind=法治政府建设年度报告&indicator=人民调解.调处纠纷").text
    assert "甲区司法局" in shown and "乙区司法局" in shown and 'data-chart="' in shown
    mine = jia.get("/history?kind=法治政府建设年度报告&indicator=人民调解.调处纠纷").text
    assert "甲区司法局" in mine and "乙区司法局" not in mine

    # next year: 甲区's workbook is rolled forward from its accepted one (init --from)
    next_round = open_round(boss, year=2025)
    assert "结转" in jia.get(f"/r/{next_round}").text
    rolled = jia.get(f"/r/{next_round}/workbook").content
    path = tmp_path / "2025.xlsx"
    path.write_bytes(rolled)
    before = library.check(JIA, "法治政府建设年度报告", None).result.data.figures
    after = library.check(path, "法治政府建设年度报告", None).result.data.figures
    assert after["人民调解.调处纠纷"].previous == before["人民调解.调处纠纷"].value
    assert after["人民调解.调处纠纷"].value is None

    # the audit log: who did what to which file, for the superior
    log = boss.get("/audit").text
    for action in ("开启报送", "下载数据表", "上传数据表", "退回", "通过", "汇总并生成全市报告",
                   "下载全市报告", "下载汇总压缩包"):
        assert action in log, action
    assert made.site.store.path(re.search(r'title="([0-9a-f]{64})"', log).group(1)).exists()


def test_a_due_date_as_people_write_it() -> None:
    import datetime as dt

    import pytest

    from drafter.errors import DrafterError
    from drafter.site.rounds import parse_date

    for text in ("2025-01-31", "2025/1/31", "2025.1.31", "2025年1月31日", " 2025 年 1 月 31 日 "):
        assert parse_date(text) == dt.date(2025, 1, 31), text
    for text in ("", "31/01/2025", "2025-02-30", "明年一月"):
        with pytest.raises(DrafterError, match="看不懂"):
            parse_date(text)


def test_a_workbook_of_another_year_and_a_due_date_before_the_year(made) -> None:
    boss, jia = client(made), client(made)
    login(boss, "shiju")
    login(jia, "jiaqu")
    answer = boss.post("/rounds", data={"kind": "法治政府建设年度报告", "year": "2025",
                                        "period": "全年", "due": "2024年12月31日",
                                        "csrf": csrf(boss.get("/").text)})
    assert answer.status_code == 400 and "早于 2025 年度本身" in answer.text
    rid = open_round(boss, year=2025)
    page = jia.get(upload(jia, rid, JIA.read_bytes()).headers["location"]).text
    assert "这是 2024 年度的数据表" in page and "本次报送的是 2025 年度的" in page
    assert _state(boss.get(f"/r/{rid}").text, "甲区司法局") == "有错误"
