"""Findings: what a check reports, in one shape for cell marks, the problems list and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # the form should not be submitted
    WARNING = "warning"  # a reviewer will ask


class Section(StrEnum):
    FORM = "form"
    HEADER = "header"
    FUNDS = "funds"
    TABLE = "table"
    CATEGORY = "category"
    INDICATOR = "indicator"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, with a stable code and enough of a place to find the cell again.

    `key` is the header field, the funds cell as "row.column", the table cell as
    "table.row.column" or the indicator column; `uids` are the in-memory ids (not stable across
    sessions) of the place in the indicator tree from the level-1 category down, `uid` the last
    of them; `where` is the human path shown to users, never parsed. Build findings with
    `desktop.core.catalogue.finding`, which takes the message and severity from the catalogue.
    """

    code: str
    severity: Severity
    form_id: str
    section: Section
    message: str
    where: str
    key: str = ""
    uid: str = ""
    uids: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, str]:
        return {
            "form_id": self.form_id,
            "path": self.where,
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
        }
