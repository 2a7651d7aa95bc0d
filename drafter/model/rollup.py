"""What a roll-up produces: the city's figures made from its districts' (checks.rollup makes
it, workbook.city writes it as the city workbook)."""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.model.figures import Figure, WorkbookData


@dataclass(frozen=True)
class District:
    name: str  # 大祥区司法局 → 大祥区; the file name if the workbook has no 单位名称
    data: WorkbookData


@dataclass
class Rollup:
    kind: str
    districts: list[District]
    figures: dict[str, Figure] = field(default_factory=dict)  # the city's
    facts: dict[str, str] = field(default_factory=dict)
    how: dict[str, str] = field(default_factory=dict)  # id → how the city figure was made
    left: dict[str, str] = field(default_factory=dict)  # id → why the city must fill it in
    partial: dict[str, list[str]] = field(default_factory=dict)  # id → districts left blank


    @property
    def recomputed(self) -> list[str]:
        """Rates made from the city's summed parts."""
        return [i for i, f in self.figures.items() if f.kind == "rate" and i in self.how]

    @property
    def reported_left(self) -> list[str]:
        """Figures left for the city although districts reported them: worth telling."""
        return [i for i in self.left
                if any(not (d.data.figures.get(i) or _BLANK).missing for d in self.districts)]


_BLANK = Figure(id="", name="")
