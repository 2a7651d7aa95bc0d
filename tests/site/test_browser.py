"""A whole round in a real browser (Debian's chromium, headless), on SQLite and PostgreSQL:
the superior uploads the bureau's office folder and opens the round with it, two offices download their workbooks, one uploads a workbook with an
error, fixes it and uploads again, the superior returns it and then accepts, accepts the
other, rolls up and downloads the city report, whose text is checked (python-docx).

Screenshots go to $DRAFTER_SCREENSHOTS when set (docs/images for docs/site.md:
`DRAFTER_SCREENSHOTS=docs/images python -m pytest tests/site/test_browser.py -k sqlite`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from drafter.config.office import start_folder
from tests.conftest import figure_cell
from tests.site.conftest import JIA_YI, PASSWORD, broken, start_server, stop_server
from tests.site.test_folders import zipped
from tests.web.test_browser import CHROMIUM, DRIVER, browser, downloaded, wait_for

__all__ = ["browser"]  # the fixture, shared with drafter serve's browser test

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() or not DRIVER.exists(),
    reason="the browser test needs Debian's chromium and chromium-driver "
           "(apt-get install chromium chromium-driver; .ci/run installs them)")


def shoot(driver, name: str, tmp_path: Path, *, height: int | None = None) -> None:
    folder = Path(os.environ.get("DRAFTER_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    full = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(height or full, full, 3000) + 120)
    driver.save_screenshot(str(folder / f"site-{name}.png"))
    driver.set_window_size(1280, 900)


def test_a_whole_round_in_the_browser(made, browser, tmp_path: Path) -> None:
    from docx import Document
    from selenium.webdriver.common.by import By

    proc, url = start_server(made.site.path)

    def find(css: str):  # type: ignore[no-untyped-def]
        return browser.find_element(By.CSS_SELECTOR, css)

    def log_in(name: str) -> None:
        browser.get(url + "login")
        find("input[name=login]").send_keys(name)
        find("input[name=password]").send_keys(PASSWORD)
        find("#login button").click()
        assert wait_for(browser, "#who").text == name

    def log_out() -> None:
        find("header nav button.link").click()
        wait_for(browser, "#login")

    def state(office: str) -> str:
        return find(f'tr[data-office="{office}"] span.state').text

    def upload(path: Path) -> None:
        find("#upload input[type=file]").send_keys(str(path))
        find("#upload button").click()
        wait_for(browser, "#submission")

    try:
        # the superior uploads the bureau's office folder (the page's own file picker), then
        # opens the round with it
        log_in("shiju")
        assert browser.title.endswith("示例市司法局 报送平台")
        folder = tmp_path / "我局模板"
        start_folder("法治政府建设年度报告", folder)
        (tmp_path / "我局模板.zip").write_bytes(zipped(folder))
        browser.get(url + "folders")
        assert find("#folder-zip .chosen").text == "未选择文件"
        find("#folder-zip input[type=file]").send_keys(str(tmp_path / "我局模板.zip"))
        assert find("#folder-zip .chosen").text == "我局模板.zip"
        find("#folder-upload button").click()
        assert "已保存：我局模板 第 1 版" in wait_for(browser, "#done").text
        shoot(browser, "folders", tmp_path, height=700)
        browser.get(url)
        find("#open-round select[name=folder]").send_keys("我局模板 第 1 版")
        find("#open-round select[name=kind]").send_keys("法治政府建设年度报告")
        browser.execute_script("document.querySelector('#open-round input[name=year]').value='2024';"
                               "document.querySelector('#open-round input[name=due]').value='2025-01-31';")
        find("#open-round button").click()
        wait_for(browser, "#board-table")
        assert "单位文件夹 我局模板 第 1 版" in find("#board").text
        round_url = browser.current_url
        assert [state(o) for o in ("甲区司法局", "乙区司法局")] == ["未报送", "未报送"]
        log_out()

        # both offices download their workbook
        for name in ("yiqu", "jiaqu"):
            log_in(name)
            find("#rounds a").click()
            wait_for(browser, "#download-workbook").click()
            got = downloaded(browser.downloads, ".xlsx")
            assert "指标" in load_workbook(got).sheetnames
            got.unlink()
            if name == "yiqu":
                upload(JIA_YI[1])
                log_out()

        # 甲区: a workbook with an error, then the fixed one
        browser.get(round_url)
        shoot(browser, "office", tmp_path, height=900)
        upload(broken(JIA_YI[0], tmp_path))
        assert "未通过" in find("#verdict").text and find("#state").text == "有错误"
        first_error = find("#findings tr.error")
        assert "人民调解" in first_error.text or "指标!" in first_error.text
        assert browser.find_elements(By.CSS_SELECTOR, "#preview span.flagged")
        shoot(browser, "errors", tmp_path, height=1300)
        browser.get(round_url)
        upload(JIA_YI[0])
        assert "通过" in find("#verdict").text and find("#state").text == "待审核"
        log_out()

        # the superior: returns 甲区's second version with a note, then accepts it
        log_in("shiju")
        browser.get(round_url)
        assert [state(o) for o in ("甲区司法局", "乙区司法局")] == ["待审核", "待审核"]
        find('tr[data-office="甲区司法局"] td:nth-child(5) a').click()
        wait_for(browser, "#review")
        find("#review input[name=note]").send_keys("请核对人民调解的数字")
        find("#return").click()
        wait_for(browser, "#board-table")
        assert state("甲区司法局") == "已退回"
        find('tr[data-office="甲区司法局"] td:nth-child(5) a').click()
        assert "请核对人民调解的数字" in wait_for(browser, "#note").text
        find("#accept").click()
        wait_for(browser, "#board-table")
        find('tr[data-office="乙区司法局"] td:nth-child(5) a').click()
        wait_for(browser, "#accept").click()
        wait_for(browser, "#board-table")
        assert [state(o) for o in ("甲区司法局", "乙区司法局")] == ["已通过", "已通过"]

        # one click: roll-up and city report; the report downloaded and read
        find("#report button").click()
        wait_for(browser, "#report-files")
        shoot(browser, "board", tmp_path)
        find("#report-files a").click()
        docx = downloaded(browser.downloads, ".docx")
        document = Document(str(docx))
        text = "\n".join(p.text for p in document.paragraphs)
        # the title, and the two offices' figures summed in the text and in the annex
        assert text.startswith("示例市司法局2024年度\n法治政府建设情况报告")
        total = sum(load_workbook(p)["指标"][figure_cell(p, "人民调解.调处纠纷")].value
                    for p in JIA_YI)
        annex = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
        names = [row[0] for row in annex]
        assert f"调处矛盾纠纷{total}件" in text
        assert sorted(names[-3:-1]) == ["乙区", "甲区"] and names[-1] == "合计"
        assert annex[-1][1] == str(total)

        # the history of accepted figures, as a chart
        browser.get(url + "history")
        wait_for(browser, "#chart svg")
        shoot(browser, "history", tmp_path, height=800)
        browser.get(url + "audit")
        assert "通过" in find("#audit-table").text
    finally:
        stop_server(proc)
