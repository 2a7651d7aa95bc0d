"""drafter serve in a real browser (Debian's chromium, headless, through chromedriver): what an
office clerk does — open the page, upload sample 000, read the findings and the preview,
download the draft; upload a workbook with an error, and a file that is no workbook.

Screenshots of each step go to $DRAFTER_SCREENSHOTS when set (docs/images for the docs:
`DRAFTER_SCREENSHOTS=docs/images python -m pytest tests/web/test_browser.py`), else to the
test's temporary folder.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_000
from tests.web.conftest import bench, flagged_count, total_cell

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() or not DRIVER.exists(),
    reason="the browser test needs Debian's chromium and chromium-driver "
           "(apt-get install chromium chromium-driver; .ci/run installs them)")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    proc, url = bench.start()
    try:
        yield url
    finally:
        bench.stop(proc)


@pytest.fixture
def browser(tmp_path: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1280,900",
                f"--user-data-dir={tmp_path / 'profile'}", "--lang=zh-CN"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False})
    # the browser's own words (the file chooser's) in Chinese where chromium-l10n is installed
    env = dict(os.environ, LANGUAGE="zh_CN:zh")
    driver = webdriver.Chrome(service=Service(str(DRIVER), env=env), options=options)
    driver.downloads = downloads  # type: ignore[attr-defined]
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.quit()


def shoot(driver, name: str, tmp_path: Path, *, height: int | None = None) -> Path:
    """A screenshot of the whole page (or its first `height` pixels) as serve-<name>.png."""
    folder = Path(os.environ.get("DRAFTER_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    full = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(height or full, full, 4000) + 120)
    out = folder / f"serve-{name}.png"
    driver.save_screenshot(str(out))
    driver.set_window_size(1280, 900)
    return out


def upload(driver, form: str, files: dict[str, Path]) -> None:
    from selenium.webdriver.common.by import By

    section = driver.find_element(By.ID, f"form-{form}")
    for name, path in files.items():
        field = section.find_element(By.NAME, name)
        field.send_keys(str(path))
        chosen = field.find_element(By.XPATH, "following-sibling::span[@class='chosen']")
        assert chosen.text == f"已选：{path.name}"  # the picker says it in Chinese
    section.find_element(By.CSS_SELECTOR, "button[type=submit]").click()


def wait_for(driver, css: str, timeout: float = 30):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def downloaded(folder: Path, suffix: str, timeout: float = 30) -> Path:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done = [p for p in folder.iterdir() if p.suffix == suffix]
        if done and not any(p.suffix == ".crdownload" for p in folder.iterdir()):
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"nothing ending in {suffix} downloaded: {list(folder.iterdir())}")


def test_a_clerk_checks_sample_000_and_downloads_the_draft(server: str, browser,
                                                          tmp_path: Path) -> None:
    from docx import Document
    from selenium.webdriver.common.by import By

    browser.get(server)
    assert "drafter 报告起草" in browser.title
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "section.form h2")]
    assert headings == ["新建数据表", "导入上年报告", "检查并生成", "核对定稿"]
    pickers = browser.find_elements(By.CSS_SELECTOR, "label.file .picker")
    assert pickers and all("选择文件" in p.text and "未选择文件" in p.text for p in pickers)
    assert all("Choose" not in p.text and "No file" not in p.text for p in pickers)
    shoot(browser, "page", tmp_path)

    upload(browser, "check", {"workbook": SAMPLE_000})
    wait_for(browser, "#check-result")
    assert "通过" in browser.find_element(By.ID, "verdict").text
    table = browser.find_element(By.ID, "findings")
    assert "警告" in table.text and "约130余" in table.text  # as the source report has it
    notes = browser.find_element(By.ID, "notes")  # the notes: one quiet list, folded
    assert "另有提示" in notes.text and notes.get_attribute("open") is None
    lead = browser.find_element(By.CSS_SELECTOR, "#preview span.lead")
    assert lead.value_of_css_property("font-weight") in ("400", "normal")  # as in the Word file
    preview = browser.find_element(By.ID, "preview")
    assert preview.find_element(By.CSS_SELECTOR, "p.title").text == "镜湖区司法局2024年上半年工作总结"
    assert preview.find_element(By.CSS_SELECTOR, "p.h1").text.startswith("一、")
    figure = preview.find_element(By.CSS_SELECTOR, "span.figure")
    assert re.match(r"指标![A-Z]+\d+ .*：数据表中为 ", figure.get_attribute("title"))
    shoot(browser, "check", tmp_path, height=1500)

    link = browser.find_element(By.CSS_SELECTOR, "a.download")
    assert link.get_attribute("href").startswith("blob:")  # page.js turned the data: link
    link.click()
    docx = downloaded(browser.downloads, ".docx")
    assert docx.name == f"{SAMPLE_000.stem}.docx"
    document = Document(str(docx))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "镜湖区司法局2024年上半年工作总结" in text and "10次" in text

    # the clerk polishes the draft and changes a figure; 核对定稿 finds it
    retyped = [r for p in document.paragraphs for r in p.runs if r.text == "130余场次"]
    assert retyped
    retyped[0].text = "150余场次"
    final = tmp_path / "定稿.docx"
    document.save(str(final))
    browser.get(server)
    upload(browser, "verify", {"document": final, "workbook": SAMPLE_000})
    wait_for(browser, "#verify-result")
    assert "1 处数字与数据表不再一致" in browser.find_element(By.ID, "verdict").text
    row = browser.find_element(By.CSS_SELECTOR, "#verify-findings tr.error")
    cells = [td.text for td in row.find_elements(By.TAG_NAME, "td")]
    assert cells[0] == "与数据表不符" and cells[2:4] == ["130余场次", "150余场次"]
    shoot(browser, "verify", tmp_path, height=700)


def test_a_clerk_sees_the_error_at_its_cell(server: str, browser, broken: Path,
                                           tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server)
    upload(browser, "check", {"workbook": broken})
    wait_for(browser, "#check-result")
    assert "未通过" in browser.find_element(By.ID, "verdict").text
    first = browser.find_element(By.CSS_SELECTOR, "#findings tr.error")
    cells = [td.text for td in first.find_elements(By.TAG_NAME, "td")]
    assert cells[0] == "错误" and cells[1].startswith(total_cell(broken))
    assert cells[3:] == ["1937", "1963", "+26"]
    flagged = browser.find_elements(By.CSS_SELECTOR, "#preview span.flagged")
    assert len(flagged) == flagged_count(broken)  # every figure involved that the draft prints
    for span in flagged:
        assert span.value_of_css_property("color") in ("rgba(198, 40, 40, 1)", "rgb(198, 40, 40)")
    names = [a.get_attribute("download") for a in
             browser.find_elements(By.CSS_SELECTOR, "a.download")]
    assert names == ["有错误-初稿（有错误）.docx", "有错误-标注.xlsx"]
    shoot(browser, "errors", tmp_path, height=1100)


def test_a_clerk_uploading_something_else_is_told_what_it_is(server: str, browser,
                                                             tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    fake = tmp_path / "报表.xlsx"
    fake.write_text("单位,数字\n镜湖区,3\n", encoding="utf-8")
    browser.get(server)
    upload(browser, "check", {"workbook": fake})
    box = wait_for(browser, "#error")
    assert "报表.xlsx" in box.text and "不是工作簿" in box.text
    failed = browser.find_element(By.CSS_SELECTOR, "section.form.failed h2")
    assert failed.text == "检查并生成"  # the form to use again is marked
    shoot(browser, "not-a-workbook", tmp_path, height=700)


def test_a_workbook_that_passes_reads_as_passing(server: str, browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    (sample,) = (SAMPLE_000.parent).glob("003_*.xlsx")
    browser.get(server)
    upload(browser, "check", {"workbook": sample})
    wait_for(browser, "#check-result")
    clear = browser.find_element(By.ID, "all-clear")
    assert clear.is_displayed() and clear.text.startswith("通过")
    assert not browser.find_elements(By.ID, "findings")  # no table of empty columns
    assert browser.find_element(By.ID, "notes").get_attribute("open") is None
    shoot(browser, "pass", tmp_path, height=900)
