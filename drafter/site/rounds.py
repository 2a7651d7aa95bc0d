"""Rounds and submissions: open a round, hand out workbooks, take uploads, review them.

Every change is one database transaction that also writes its audit row, committed before
the page answers. Files go to the store (store.py) before the row that points at them.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from drafter.errors import DrafterError
from drafter.site import budget, library, officefolders
from drafter.site.db import (
    ACCEPTED,
    ERRORS,
    NOT_SENT,
    PENDING,
    RETURNED,
    STATE_NAMES,
    Database,
    HistoryFigure,
    Office,
    OfficeFolder,
    Round,
    Submission,
    User,
    now,
    record,
)
from drafter.site.folder import Site

log = logging.getLogger("drafter.site")
PERIODS = ("全年", "上半年", "第一季度", "第二季度", "第三季度", "第四季度")


# -- rounds ----------------------------------------------------------------------------------


_DATE = re.compile(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*")


def parse_date(text: str) -> dt.date:
    """A due date as people write it: 2025-01-31, 2025/1/31, 2025.1.31, 2025年1月31日."""
    found = _DATE.fullmatch(text)
    try:
        if found is None:
            raise ValueError(text)
        return dt.date(*(int(g) for g in found.groups()))
    except ValueError:
        raise DrafterError(f"截止日期“{text[:40]}”看不懂,请写成 2025-01-31 或 2025年1月31日") from None


def check_fields(kind: str, year: int, period: str, due: dt.date) -> None:
    """A round's kind, year, period and due date, before anything is kept for it."""
    if kind not in dict(library.kinds()):
        raise DrafterError(f"没有“{kind}”这种报告类型")
    if period not in PERIODS:
        raise DrafterError(f"报告期间应是{'、'.join(PERIODS)}之一")
    if not 2000 <= year <= 2100:
        raise DrafterError("年度应是四位数的年份,如 2024")
    if due.year < year:
        raise DrafterError(f"截止日期 {due.isoformat()} 早于 {year} 年度本身;"
                           f"请核对年度和截止日期(如 {year} 年度的报送,截止日期在 {year} 年或 {year + 1} 年)")


def open_round(s: Session, site: Site, user: User, *, kind: str, year: int, period: str,
               due: dt.date, choice: str = "", uploaded: OfficeFolder | None = None,
               address: str = "", seconds: float = budget.WORK_SECONDS) -> Round:
    """`choice`: the office folder chosen on the form (officefolders.choose: checked for
    `kind` here); `uploaded`: one uploaded with the form, already checked for `kind`."""
    check_fields(kind, year, period, due)
    name, row = ("", uploaded) if uploaded is not None else \
        officefolders.choose(s, site, choice, kind, seconds)
    found = Round(kind=kind, year=year, period=period, due=due, office_folder=name,
                  folder_id=row.id if row else None, created_by=user.id)
    s.add(found)
    s.flush()
    used = officefolders.label(row.name, row.version) if row else \
        (f"单位文件夹“{name}”(站点 templates 中)" if name else "")
    record(s, user.login, "开启报送", round_=found, blob=row.blob if row else "",
           detail=f"{found.title},截止 {due.isoformat()}" + (f",{used}" if used else ""),
           address=address)
    return found


def rounds(s: Session) -> list[Round]:
    return list(s.scalars(select(Round).order_by(Round.year.desc(), Round.id.desc())))


@dataclass
class Row:
    """An office's line on a round's board."""

    office: Office
    latest: Submission | None
    versions: int
    accepted: Submission | None  # its newest accepted version, if any

    @property
    def state(self) -> str:
        return self.latest.state if self.latest else NOT_SENT

    @property
    def state_name(self) -> str:
        return STATE_NAMES[self.state]


def board(s: Session, round_: Round, office_id: int | None = None) -> list[Row]:
    """Every office (or only `office_id`) with its latest submission to `round_`."""
    query = select(Office).order_by(Office.id)  # the order the administrator added them
    if office_id is not None:
        query = query.where(Office.id == office_id)
    subs = list(s.scalars(select(Submission).where(Submission.round_id == round_.id)
                          .order_by(Submission.version)))
    rows = []
    for office in s.scalars(query):
        mine = [x for x in subs if x.office_id == office.id]
        accepted = [x for x in mine if x.state == ACCEPTED]
        rows.append(Row(office, mine[-1] if mine else None, len(mine),
                        accepted[-1] if accepted else None))
    return rows


def versions(s: Session, round_: Round, office: Office) -> list[Submission]:
    return list(s.scalars(select(Submission).where(Submission.round_id == round_.id,
                                                   Submission.office_id == office.id)
                          .order_by(Submission.version.desc())))


# -- the workbook handed out -----------------------------------------------------------------


def last_accepted(s: Session, round_: Round, office: Office) -> Submission | None:
    """The office's newest accepted submission of the same kind from an earlier year."""
    return s.scalar(select(Submission).join(Round, Submission.round_id == Round.id)
                    .where(Submission.office_id == office.id, Submission.state == ACCEPTED,
                           Round.kind == round_.kind, Round.year < round_.year)
                    .order_by(Round.year.desc(), Submission.reviewed_at.desc()).limit(1))


def workbook_for(site: Site, round_: Round, office: Office, source: Submission | None,
                 seconds: float = budget.WORK_SECONDS) -> tuple[bytes, str, str]:
    """The workbook `office` fills for `round_`: (bytes, file name, how it was made) —
    rolled forward from `source`, its last accepted one (init --from), else blank (init),
    within the time budget."""
    folder = officefolders.for_round(site, round_)
    name = f"{office.name}-{round_.title}数据表.xlsx"
    with tempfile.TemporaryDirectory(prefix="drafter-site-") as tmp:
        out = Path(tmp) / "数据表.xlsx"
        if source is not None:
            last = Path(tmp) / "上年数据表.xlsx"
            last.write_bytes(site.store.read(source.blob))
            with budget.bounded(seconds):
                library.forward(last, out, round_.kind, folder)
            how = f"由上一期已通过的数据表(第 {source.version} 版)结转:上期的数已移入“上年同期”"
        else:
            with budget.bounded(seconds):
                library.blank(round_.kind, out, folder)
            how = "空白数据表"
        return out.read_bytes(), name, how


# -- uploads ---------------------------------------------------------------------------------


BROKEN = ("无法检查上传的文件:其内容超出了程序能处理的范围(详情已记入服务器日志)。请确认文件能用"
          " Excel 或 WPS 正常打开,另存一份后再上传;如仍不行,请把文件交给管理员。")


def examine(site: Site, round_: Round, data: bytes,
            seconds: float = budget.WORK_SECONDS) -> tuple[library.Checked | None, str]:
    """Check the upload as `drafter check` does, within the time budget: (result, "") or
    (None, why not). What the library cannot handle is a reason too (logged), never a 500;
    Overtime past the budget."""
    with tempfile.TemporaryDirectory(prefix="drafter-site-") as tmp:
        path = Path(tmp) / "数据表.xlsx"
        path.write_bytes(data)
        folder = officefolders.for_round(site, round_)
        try:
            with budget.bounded(seconds):
                checked = library.check(path, round_.kind, folder)
        except DrafterError as exc:
            return None, exc.describe().replace(str(path), "上传的文件")
        except budget.Overtime:
            raise
        except Exception:
            log.exception("drafter site: checking an upload failed")
            return None, BROKEN
        if checked.kind and checked.kind != round_.kind:
            return None, f"这是“{checked.kind}”的数据表,本次报送的是“{round_.kind}”"
        year = re.match(r"\s*(\d{4})", str(checked.facts.get("年度", "")))
        if year and int(year.group(1)) != round_.year:
            return None, (f"这是 {year.group(1)} 年度的数据表(“基本信息”中的“年度”),本次报送的是 "
                          f"{round_.year} 年度的;请核对年度,或下载本次报送的数据表重新填写")
        return checked, ""


def upload(db: Database, site: Site, user: User, round_id: int, *, filename: str,
           data: bytes, address: str = "", seconds: float = budget.WORK_SECONDS) -> Submission:
    """Keep the file, check it, and record it as the office's next version. Past the time
    budget (budget.Overtime) the file is kept in the store but no version is recorded: the
    office is told to send a smaller one."""
    blob = site.store.put(data)  # on disk before any row points at it
    round_ = db_get(db, Round, round_id)
    checked, problem = examine(site, round_, data, seconds)
    errors = checked.errors if checked else 1
    figures = json.dumps(checked.figures() if checked else {}, ensure_ascii=False)
    for attempt in range(20):  # two uploads of one office at once: the loser takes the next
        try:
            with db.session() as s:
                office = s.get(Office, user.office_id)
                latest = s.scalar(select(func.max(Submission.version)).where(
                    Submission.round_id == round_id, Submission.office_id == user.office_id))
                sub = Submission(round_id=round_id, office_id=user.office_id,
                                 version=(latest or 0) + 1, blob=blob, filename=filename,
                                 size=len(data), uploaded_by=user.id, errors=errors,
                                 warnings=checked.warnings if checked else 0, problem=problem,
                                 state=ERRORS if errors else PENDING, figures=figures)
                s.add(sub)
                s.flush()
                record(s, user.login, "上传数据表", office=office, round_=round_,
                       submission=sub, address=address,
                       detail=f"第 {sub.version} 版 {filename}:"
                              + (problem or f"错误 {sub.errors} 项,警告 {sub.warnings} 项"))
            return sub
        except (IntegrityError, OperationalError):
            if attempt == 19:
                raise
    raise AssertionError("unreachable")


def db_get(db: Database, model: type, key: int):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.get(model, key)


# -- review ----------------------------------------------------------------------------------


def review(s: Session, user: User, sub: Submission, *, accept: bool, note: str,
           address: str = "") -> None:
    if sub.state == ERRORS:
        raise DrafterError("这一版数据表有错误,不能审核;请等该单位改正后重新上传")
    note = note.strip()[:2000]
    if not accept and not note:
        raise DrafterError("退回时请写明原因(退回说明),该单位会看到")
    sub.state = ACCEPTED if accept else RETURNED
    sub.note = note
    sub.reviewed_by = user.id
    sub.reviewed_at = now()
    round_ = s.get(Round, sub.round_id)
    office = s.get(Office, sub.office_id)
    assert round_ is not None and office is not None
    if accept:
        _history(s, round_, sub)
    record(s, user.login, "通过" if accept else "退回", office=office, round_=round_,
           submission=sub, detail=f"第 {sub.version} 版" + (f":{note}" if note else ""),
           address=address)


def _history(s: Session, round_: Round, sub: Submission) -> None:
    """The accepted figures become the office's history for that year and period."""
    old = s.scalars(select(HistoryFigure).where(
        HistoryFigure.office_id == sub.office_id, HistoryFigure.kind == round_.kind,
        HistoryFigure.year == round_.year, HistoryFigure.period == round_.period))
    for row in old:
        s.delete(row)
    s.flush()
    for fid, (name, _written, value, unit) in json.loads(sub.figures).items():
        if value:
            s.add(HistoryFigure(office_id=sub.office_id, kind=round_.kind, year=round_.year,
                                period=round_.period, indicator=fid, name=name, unit=unit,
                                value=value, submission_id=sub.id))


@dataclass
class Difference:
    indicator: str
    name: str
    before: str
    after: str


def compare(a: Submission, b: Submission) -> tuple[list[Difference], int]:
    """Figure by figure: the indicators whose value differs, and how many are the same."""
    old, new = json.loads(a.figures), json.loads(b.figures)
    out, same = [], 0
    for fid in list(old) + [f for f in new if f not in old]:
        x, y = old.get(fid), new.get(fid)
        before, after = (x[1] if x else ""), (y[1] if y else "")
        if before == after:
            same += 1
            continue
        out.append(Difference(fid, (y or x)[0], before or "（未填）", after or "（未填）"))
    return out, same
