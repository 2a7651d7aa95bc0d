"""The round's office folder (单位文件夹) uploaded through the page as a .zip: read as hostile
input (unzip.py: sizes, member count, paths, links, device files, allowed names), extracted
under a name the site makes, checked by loading it as drafter does before a round opens (a
broken one refused with drafter's message naming file, line and key), kept by version and
audited; then used for the round's workbooks and checks."""

from __future__ import annotations

import io
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from drafter.config.office import start_folder
from drafter.site import officefolders, unzip
from drafter.site.db import OfficeFolder, Round
from tests.site.conftest import JIA_YI, KIND, client, csrf, login, token, upload

MARK = "本局上半年工作亮点纷呈。"


def office_folder(tmp: Path, main: str | None = None, style: str | None = None) -> Path:
    folder = tmp / "我局模板"
    if not folder.exists():
        start_folder(KIND, folder)
    if main is not None:
        (folder / "main.j2").write_text(main, encoding="utf-8")
    if style is not None:
        (folder / "style.toml").write_text(style, encoding="utf-8")
    return folder


def zipped(folder: Path, *, top: bool = True) -> bytes:
    """The folder as Windows' "send to compressed folder" makes it: the folder itself inside."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                inner = path.relative_to(folder.parent if top else folder).as_posix()
                z.writestr(inner, path.read_bytes())
    return out.getvalue()


def raw_zip(*members: tuple[str, bytes] | zipfile.ZipInfo, data: bytes = b"x") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for m in members:
            if isinstance(m, zipfile.ZipInfo):
                z.writestr(m, data)
            else:
                z.writestr(*m)
    return out.getvalue()


def _entry(name: str, mode: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = mode << 16
    return info


# -- the zip as hostile input (no database) ----------------------------------------------------

@pytest.mark.parametrize(("members", "says"), [
    ([("/etc/cron.d/x.j2", b"")], "绝对路径"),
    ([("C:/x/main.j2", b"")], "绝对路径"),
    ([("a/../../main.j2", b"")], ".."),
    ([("..\\main.j2", b"")], ".."),
    ([_entry("main.j2", stat.S_IFLNK | 0o777)], "符号链接"),
    ([_entry("main.j2", stat.S_IFCHR | 0o600)], "设备文件"),
    ([_entry("main.j2", stat.S_IFIFO | 0o600)], "管道"),
    ([("run.sh", b"")], "不能有这个文件"),
    ([("main.j2", b""), ("部分/pack.toml", b"")], "不能有这个文件"),
    ([(".hidden.j2", b"")], "文件名只能用"),
    ([("main.j2", b""), ("MAIN.J2", b"")], "同名"),
    ([("a.j2", b""), ("a.j2/b.j2", b"")], "同名的文件和文件夹"),
    ([("main.j2", b"x" * 1_000_001)], "过大"),
])
def test_a_hostile_zip_is_refused_naming_the_member(members, says: str) -> None:
    with pytest.raises(unzip.FolderZipError) as refused:
        unzip.read(raw_zip(*members))
    assert says in refused.value.describe()


def test_zip_bounds_and_what_is_left_out() -> None:
    with pytest.raises(unzip.FolderZipError, match=r"不是 \.zip 压缩包"):
        unzip.read(b"PK\x03\x04 not really")
    many = [(f"t{i}.j2", b"") for i in range(unzip.MAX_MEMBERS + 1)]
    with pytest.raises(unzip.FolderZipError, match="过多"):
        unzip.read(raw_zip(*many))
    # a member whose header says it is small but inflates to more: read only to its limit
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("main.j2", b"{# #}" + b" " * 5_000_000)
    with pytest.raises(unzip.FolderZipError, match="过大"):
        unzip.read(bomb.getvalue())
    # encrypted members are refused (zipfile cannot write them: the flag set by hand)
    plain = raw_zip(("main.j2", b"x"))
    flagged = bytearray(plain)
    for at in (6, plain.rindex(b"PK\x01\x02") + 8):  # local and central header flags
        flagged[at] |= 1
    with pytest.raises(unzip.FolderZipError, match="密码"):
        unzip.read(bytes(flagged))
    # the folder itself inside, a Mac's and Windows' junk: taken off and left out, said so
    got = unzip.read(raw_zip(("我局模板/main.j2", b"a"), ("我局模板/部分/表.j2", b"b"),
                             ("__MACOSX/我局模板/._main.j2", b""), ("我局模板/Thumbs.db", b""),
                             ("我局模板/使用说明.md", b"c")))
    assert sorted(got.files) == ["main.j2", "使用说明.md", "部分/表.j2"]
    assert len(got.skipped) == 2
    # a name Windows' zip tool wrote in GBK, without the UTF-8 flag
    gbk = raw_zip(("main.j2", b""), ("abcd/ef.j2", b"")).replace(b"abcd/ef.j2",
                                                                 "部分/表.j2".encode("gbk"))
    assert sorted(unzip.read(gbk).files) == ["main.j2", "部分/表.j2"]


# -- through the page, on SQLite and PostgreSQL ------------------------------------------------

def _open(c, zip_bytes: bytes | None, *, name: str = "我局模板.zip", folder: str = "",
          folder_name: str = ""):  # type: ignore[no-untyped-def]
    files = {"folder_zip": (name, zip_bytes, "application/zip")} if zip_bytes else None
    return c.post("/rounds", data={"kind": KIND, "year": "2024", "period": "全年",
                                   "due": "2025-01-31", "folder": folder,
                                   "folder_name": folder_name, "csrf": token(c)}, files=files)


def test_a_folder_uploaded_with_the_round_is_checked_kept_and_used(made, tmp_path: Path) -> None:
    boss, jia = client(made), client(made)
    login(boss, "shiju")
    login(jia, "jiaqu")

    # broken: style.toml with a wrong type; drafter's message names the file, line and key
    bad = office_folder(tmp_path, style="\nnumbering = 3\n")
    answer = _open(boss, zipped(bad))
    assert answer.status_code == 400
    assert "单位文件夹“我局模板”/style.toml：第2行：“numbering”应为列表" in answer.text
    assert "未能开启报送" in answer.text and 'value="2025-01-31"' in answer.text  # form kept
    with made.db.session() as s:
        assert s.query(Round).count() == 0 and s.query(OfficeFolder).count() == 0
    assert len(made.site.store.all()) == 1  # the refused zip is kept, as every upload
    # a template that cannot compile, and one naming what does not exist
    answer = _open(boss, zipped(office_folder(tmp_path, style="",
                                              main='{% extends "base.j2" %}\n{% if %}\n')))
    assert answer.status_code == 400 and "main.j2 第2行：模板语法错误" in answer.text
    answer = _open(boss, zipped(office_folder(
        tmp_path, main='{% extends "base.j2" %}\n{% block 导语 %}{{ 没有这个 }}{% endblock %}\n')))
    assert answer.status_code == 400 and "main.j2 第2行“没有这个”" in answer.text
    # a folder for another kind of report
    (bad / "pack.toml").write_text('base = "年度工作总结"\n', encoding="utf-8")
    answer = _open(boss, zipped(bad))
    assert answer.status_code == 400 and "与报告类型“法治政府建设年度报告”不符" in answer.text
    shutil.rmtree(bad)

    # a good one: the round opens with it; the office's workbook and preview use it
    good = office_folder(tmp_path, main='{% extends "base.j2" %}\n'
                                        f'{{% block 导语 %}}{MARK}{{{{ super() }}}}{{% endblock %}}\n')
    answer = _open(boss, zipped(good))
    assert answer.status_code == 303, answer.text
    rid = answer.headers["location"].rsplit("/", 1)[-1]
    assert "单位文件夹 我局模板 第 1 版" in boss.get(f"/r/{rid}").text
    with made.db.session() as s:
        row = s.query(OfficeFolder).one()
        extracted = officefolders.root(made.site) / row.blob
        assert row.blob == row.blob.lower() and len(row.blob) == 64
    assert sorted(p.name for p in extracted.iterdir()) == sorted(p.name for p in good.iterdir())
    assert not [p for p in officefolders.root(made.site).iterdir() if p.name.startswith(".new")]
    assert jia.get(f"/r/{rid}/workbook").status_code == 200
    sub = upload(jia, rid, JIA_YI[0].read_bytes()).headers["location"]
    assert MARK in jia.get(sub).text

    # the same name again: version 2, version 1 kept and still the round's
    changed = zipped(office_folder(tmp_path, main='{% extends "base.j2" %}\n'))
    page = boss.get("/folders").text
    answer = boss.post("/folders", data={"kind": "", "folder_name": "我局模板",  # its base
                                         "csrf": csrf(page)},
                       files={"folder_zip": ("其他名字.zip", changed, "application/zip")})
    assert answer.status_code == 200 and "已保存：我局模板 第 2 版" in answer.text
    assert MARK in jia.get(sub).text
    # without a kind chosen and without a base in pack.toml: which kind is asked for
    answer = boss.post("/folders", data={"kind": "", "csrf": csrf(page)},
                       files={"folder_zip": ("x.zip", raw_zip(("main.j2", b"")), "application/zip")})
    assert answer.status_code == 400 and "没有写 base" in answer.text
    # the extracted files gone (a restored site): written again from the kept zip
    shutil.rmtree(officefolders.root(made.site))
    assert MARK in jia.get(sub).text and extracted.is_dir()

    # a second round chooses version 2 from the list
    with made.db.session() as s:
        second = s.query(OfficeFolder).filter_by(version=2).one().public_id
    answer = _open(boss, None, folder=second)
    assert answer.status_code == 303
    assert "我局模板 第 2 版" in boss.get(answer.headers["location"]).text
    # a folder chosen and a zip sent: which one is meant is asked, not guessed
    answer = _open(boss, zipped(good), folder=second)
    assert answer.status_code == 400 and "二选一" in answer.text
    # a hostile zip through the page: refused, the round not opened
    answer = _open(boss, raw_zip(_entry("main.j2", stat.S_IFLNK | 0o777)))
    assert answer.status_code == 400 and "符号链接" in answer.text

    log = boss.get("/audit").text
    assert log.count("单位文件夹被拒绝") == 6 and log.count("上传单位文件夹") == 2
    assert "单位文件夹“我局模板”第 1 版（法治政府建设年度报告）：" in log
    # the folders' page and their zips: the superior's only
    assert jia.get("/folders").status_code == 403
    assert jia.get(f"/folders/{second}/zip").status_code == 403
    got = boss.get(f"/folders/{second}/zip")
    assert got.status_code == 200 and got.content == changed
