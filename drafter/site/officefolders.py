"""Office folders (单位文件夹) for rounds: the ones the IT staff put in the site's templates/,
and the ones the superior uploads as a .zip through the page.

An upload is kept like every upload: the zip in the store (by its SHA-256, never replaced),
one row per version of a named folder (a new upload under a name is its next version; a round
keeps the version it was opened with), audited — refused ones too. Its files, vetted by
unzip.py, are written to a folder the site names, folders/<the zip's SHA-256>: no name from
the zip is a path beyond the few file names an office folder may hold. It is written under a
temporary name, checked by loading it as drafter does (library.vet_office), and only then
given its final name; a site restored from a backup writes it again from the zip.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from drafter.errors import DrafterError
from drafter.site import budget, library, unzip
from drafter.site.db import Database, OfficeFolder, Round, User, record
from drafter.site.folder import Site

log = logging.getLogger("drafter.site")
FOLDERS = "folders"  # in the site's folder: the uploaded office folders, extracted
SITE_PREFIX = "site:"  # a choice of the form naming a folder of templates/


def root(site: Site) -> Path:
    return site.path / FOLDERS


def _write(files: dict[str, bytes], into: Path) -> None:
    """The vetted files, each created new (O_EXCL, never through a link), owner-only."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) \
        | getattr(os, "O_BINARY", 0)
    for name, data in files.items():
        path = into.joinpath(*name.split("/"))
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, flags, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)


def _unpack(site: Site, data: bytes) -> tuple[Path, unzip.Unpacked]:
    """The zip's files in a new temporary folder under folders/ (renamed once checked)."""
    found = unzip.read(data)
    root(site).mkdir(mode=0o700, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".new-", dir=root(site)))
    try:
        _write(found.files, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return tmp, found


def _settle(tmp: Path, final: Path) -> None:
    """`tmp` becomes `final`; when another request got there first, theirs is kept."""
    try:
        os.rename(tmp, final)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if not final.is_dir():
            raise


def _vet(folder: Path, kind: str, label: str, seconds: float = budget.WORK_SECONDS) -> str:
    """library.vet_office for `kind` ("": the kind the folder's pack.toml names as its base),
    within the time budget, its messages naming the folder as the superior knows it; the kind.
    What the library could not handle is refused (logged), never a 500."""
    try:
        kind = kind or library.office_base(folder)
        if not kind:
            raise DrafterError(f"{label} 的 pack.toml 没有写 base(基于哪种报告),请选择它用于哪种报告")
        with budget.bounded(seconds):
            library.vet_office(folder, kind)
        return kind
    except budget.Overtime:
        raise DrafterError(f"检查{label}超过 {seconds:g} 秒仍未完成(模板或数据表过大),"
                           "已停止;请精简后重新上传") from None
    except DrafterError as exc:
        text = exc.describe()
        for prefix in {str(folder.resolve()), str(folder)}:
            text = text.replace(prefix, label)
        raise DrafterError(text) from None
    except Exception:
        log.exception("drafter site: vetting an office folder failed")
        raise DrafterError(f"无法使用{label}:其中的文件超出了程序能处理的范围(详情已记入服务器"
                           "日志)。请确认它用 drafter 本身(--office)能生成报告后再上传") from None


def path(site: Site, row: OfficeFolder) -> Path:
    """Where an uploaded folder's files are; written again from its zip when missing."""
    final = root(site) / row.blob
    if not final.is_dir():
        tmp, _ = _unpack(site, site.store.read(row.blob))
        _settle(tmp, final)
    return final


def for_round(site: Site, round_: Round) -> Path | None:
    """The office folder a round uses (None: the built-in templates alone)."""
    if round_.folder is not None:
        return path(site, round_.folder)
    return site.office_folder(round_.office_folder)


def label(name: str, version: int) -> str:
    return f"单位文件夹“{name}”第 {version} 版"


def upload(db: Database, site: Site, user: User, *, name: str, kind: str, data: bytes,
           address: str = "", seconds: float = budget.WORK_SECONDS) -> OfficeFolder:
    """Keep the zip, vet and extract its folder, check it for `kind` ("": its pack.toml's
    base), record its next version. A refusal is audited (with the zip) and raised."""
    name = name.strip()[:100] or "单位文件夹"
    if kind and kind not in dict(library.kinds()):
        raise DrafterError(f"没有“{kind}”这种报告类型")
    blob = site.store.put(data)  # kept before anything is read from it
    try:
        tmp, found = _unpack(site, data)
        try:
            kind = _vet(tmp, kind, f"单位文件夹“{name}”", seconds)
            _settle(tmp, root(site) / blob)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    except DrafterError as exc:
        with db.session() as s:
            record(s, user.login, "单位文件夹被拒绝", blob=blob, address=address,
                   detail=f"{name}:{exc.describe()}"[:2000])
        raise
    files = [[n, len(b)] for n, b in sorted(found.files.items())]
    skipped = "、".join(found.skipped)[:2000]
    for attempt in range(20):  # two uploads under one name at once: the loser takes the next
        try:
            with db.session() as s:
                latest = s.scalar(select(func.max(OfficeFolder.version))
                                  .where(OfficeFolder.name == name))
                row = OfficeFolder(name=name, version=(latest or 0) + 1, kind=kind, blob=blob,
                                   files=json.dumps(files, ensure_ascii=False), skipped=skipped,
                                   uploaded_by=user.id)
                s.add(row)
                s.flush()
                record(s, user.login, "上传单位文件夹", blob=blob, address=address,
                       detail=f"{label(name, row.version)}（{kind}）：{len(files)} 个文件"
                              + (f";已略去 {skipped}" if skipped else ""))
            return row
        except (IntegrityError, OperationalError):
            if attempt == 19:
                raise
    raise AssertionError("unreachable")


def listing(s: Session) -> list[OfficeFolder]:
    """Every uploaded folder, newest version of each name first."""
    return list(s.scalars(select(OfficeFolder)
                          .order_by(OfficeFolder.name, OfficeFolder.version.desc())))


def choose(s: Session, site: Site, choice: str, kind: str,
           seconds: float = budget.WORK_SECONDS) -> tuple[str, OfficeFolder | None]:
    """A form's choice of folder for a round of `kind` — "" (none), "site:名称" (templates/)
    or an uploaded folder's public id — checked for `kind` before the round opens:
    (templates/ name, uploaded row)."""
    if not choice:
        return "", None
    if choice.startswith(SITE_PREFIX):
        name = choice.removeprefix(SITE_PREFIX)
        folder = site.office_folder(name)  # a name from the list, or refused
        assert folder is not None
        _vet(folder, kind, f"单位文件夹“{name}”", seconds)
        return name, None
    row = s.scalar(select(OfficeFolder).where(OfficeFolder.public_id == choice))
    if row is None:
        raise DrafterError("所选的单位文件夹不存在,请刷新页面后重选")
    _vet(path(site, row), kind, label(row.name, row.version), seconds)
    return "", row


def files(row: OfficeFolder) -> list[tuple[str, int]]:
    with contextlib.suppress(ValueError, TypeError):
        return [(str(n), int(b)) for n, b in json.loads(row.files)]
    return []
