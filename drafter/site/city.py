"""What the superior makes of a round: the city workbook and report from the accepted
versions, the archive of everything accepted, and the history of accepted figures."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafter.errors import DrafterError
from drafter.site import budget, library, officefolders, rounds
from drafter.site.db import CityReport, Database, HistoryFigure, Office, Round, User
from drafter.site.folder import Site

# zip entries get one fixed date: the same files give the same archive
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def _safe(name: str) -> str:
    """An office's name as a file name inside the archive (no folders, nothing Windows refuses)."""
    from drafter.web.uploads import display_name

    return display_name(name, "单位")


def accepted(s: Session, round_: Round) -> list[rounds.Row]:
    return [row for row in rounds.board(s, round_) if row.accepted is not None]


def make_report(db: Database, site: Site, user: User, round_id: int, address: str = "",
                seconds: float = budget.WORK_SECONDS) -> CityReport:
    """Roll up the accepted versions (drafter rollup) and render the city report (drafter
    render): both kept in the store, recorded, audited."""
    with db.session() as s:
        round_ = s.get(Round, round_id)
        assert round_ is not None
        rows = accepted(s, round_)
    if not rows:
        raise DrafterError("还没有已通过的数据表,不能汇总")
    with tempfile.TemporaryDirectory(prefix="drafter-site-") as tmp:
        folder = Path(tmp)
        paths = []
        for row in rows:
            assert row.accepted is not None
            path = folder / f"{_safe(row.office.name)}.xlsx"  # rollup's fallback name
            path.write_bytes(site.store.read(row.accepted.blob))
            paths.append(path)
        out = folder / "out"
        out.mkdir()
        office_folder = officefolders.for_round(site, round_)
        with budget.bounded(seconds):
            done = library.roll_up(paths, out, unit=site.name, kind=round_.kind,
                                   office=office_folder)
        workbook = site.store.put(done.workbook.read_bytes())
        report = site.store.put(done.report.read_bytes())
    with db.session() as s:
        made = CityReport(round_id=round_id, workbook=workbook, report=report,
                          submissions=json.dumps([r.accepted.id for r in rows if r.accepted]),
                          created_by=user.id)
        s.add(made)
        s.flush()
        names = "、".join(r.office.name for r in rows)
        rounds.record(s, user.login, "汇总并生成全市报告", round_=s.get(Round, round_id),
                      blob=report, detail=f"{len(rows)} 个单位({names});"
                                          + " ".join(done.lines)[:1500], address=address)
    return made


def latest_report(s: Session, round_: Round) -> CityReport | None:
    return s.scalar(select(CityReport).where(CityReport.round_id == round_.id)
                    .order_by(CityReport.id.desc()).limit(1))


def archive(s: Session, site: Site, round_: Round) -> bytes:
    """One zip: the city workbook and report (when made), and every office's accepted
    workbook with its report."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z, \
            tempfile.TemporaryDirectory(prefix="drafter-site-") as tmp:

        def put(name: str, data: bytes) -> None:
            z.writestr(zipfile.ZipInfo(name, _ZIP_DATE), data, zipfile.ZIP_DEFLATED)

        report = latest_report(s, round_)
        if report is not None:
            put(f"{round_.title}-全市数据表.xlsx", site.store.read(report.workbook))
            put(f"{round_.title}-全市报告.docx", site.store.read(report.report))
        folder = officefolders.for_round(site, round_)
        for row in accepted(s, round_):
            sub = row.accepted
            assert sub is not None
            name = f"各单位/{_safe(row.office.name)}-第{sub.version}版"
            data = site.store.read(sub.blob)
            put(f"{name}.xlsx", data)
            path = Path(tmp) / f"{sub.public_id}.xlsx"
            path.write_bytes(data)
            checked = library.check(path, round_.kind, folder)
            docx = Path(tmp) / f"{sub.public_id}.docx"
            _, _, problem = library.preview(checked, docx)
            if not problem:
                put(f"{name}.docx", docx.read_bytes())
    return buffer.getvalue()


# -- history ---------------------------------------------------------------------------------


@dataclass
class Series:
    office: str
    values: dict[str, Decimal] = field(default_factory=dict)  # period label → value


@dataclass
class History:
    kind: str
    indicator: str
    name: str = ""
    unit: str = ""
    periods: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    choices: list[tuple[str, str]] = field(default_factory=list)  # (id, name) with history

    def chart(self) -> str:
        """The data the page's chart draws (ECharts), as JSON."""
        return json.dumps({"title": f"{self.name}（{self.unit}）" if self.unit else self.name,
                           "periods": self.periods,
                           "series": [{"name": s.office, "data": [
                               float(s.values[p]) if p in s.values else None
                               for p in self.periods]} for s in self.series]},
                          ensure_ascii=False)


def history(s: Session, kind: str, indicator: str, office_id: int | None) -> History:
    """An indicator's accepted values by office and year (only `office_id`'s for an office)."""
    query = select(HistoryFigure, Office.name).join(Office, HistoryFigure.office_id == Office.id) \
        .where(HistoryFigure.kind == kind).order_by(Office.id)  # as the board lists them
    if office_id is not None:
        query = query.where(HistoryFigure.office_id == office_id)
    rows = list(s.execute(query))
    found = History(kind, indicator)
    seen: dict[str, str] = {}
    for h, _ in rows:
        seen.setdefault(h.indicator, h.name)
    found.choices = sorted(seen.items())
    by_office: dict[str, Series] = {}
    periods: set[tuple[int, str]] = set()
    for h, office in rows:
        if h.indicator != indicator:
            continue
        found.name, found.unit = h.name, h.unit
        label = f"{h.year}年{'' if h.period == '全年' else h.period}"
        periods.add((h.year, label))
        by_office.setdefault(office, Series(office)).values[label] = Decimal(h.value)
    found.periods = [label for _, label in sorted(periods)]
    found.series = list(by_office.values())
    return found
