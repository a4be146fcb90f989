"""What people call a project and its forms: never an internal id.

A project's name is its title when it has one, else its unit and year (`某单位 2026`), the way
a clerk would name the file. A form is named by its 项目名称 / department name; a form whose
name is not filled in yet is called by its kind, numbered among such forms of its kind.
"""

from __future__ import annotations

import re
from collections import Counter

from desktop.core.findings import Severity
from desktop.core.kinds import FormKind
from desktop.core.model import Form, Project

# How a finding's severity is called, in the CLI and in the editor alike.
SEVERITY_WORDS = {Severity.ERROR: "错误", Severity.WARNING: "提示"}

# Header fields that name the unit a project belongs to, most telling first.
UNIT_FIELDS = ("department", "unit", "department_code", "budget_unit", "implementing_unit")
_TRAILING_CODE = re.compile(r"[\s（(]*\d{3,}[)）]?\s*$")  # 银川市XX局 137001 -> 银川市XX局
UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\n\r\t]+')


def project_unit(project: Project) -> str:
    for key in UNIT_FIELDS:
        for form in project.forms:
            value = " ".join(form.header.get(key, "").split())
            value = _TRAILING_CODE.sub("", value)
            if value:
                return value
    return ""


def project_year(project: Project) -> str:
    years = Counter(y for f in project.forms if (y := f.header.get("year", "").strip()))
    return years.most_common(1)[0][0] if years else ""


def project_name(project: Project) -> str:
    """The title, else `unit year` (either may be missing); "" when nothing names it yet."""
    title = " ".join(project.title.split())
    if title:
        return title
    return " ".join(p for p in (project_unit(project), project_year(project)) if p)


def file_stem(name: str) -> str:
    """A name made safe for a file name on Windows and Linux (spaces stay)."""
    return UNSAFE_IN_FILE_NAMES.sub("_", name).strip(" ._")


def is_unnamed(form: Form, kind: FormKind | None) -> bool:
    """No name in the kind's name field (or the kind has none): `form_name` numbers such a
    form among the unnamed forms of its kind."""
    return not (kind and kind.name_field and form.header.get(kind.name_field, "").strip())


def form_name(form: Form, kind: FormKind | None, project: Project | None = None) -> str:
    """The form's 项目名称 / department name; else its kind's name, numbered when the project
    has several unnamed forms of that kind."""
    if kind is not None and kind.name_field:
        name = " ".join(form.header.get(kind.name_field, "").split())
        if name:
            return name
    base = f"{kind.name if kind else form.kind}（未填名称）"
    if project is None:
        return base
    unnamed = [f for f in project.forms if f.kind == form.kind and is_unnamed(f, kind)]
    if len(unnamed) < 2:
        return base
    number = next((i for i, f in enumerate(unnamed, 1) if f is form), 0)
    return f"{kind.name if kind else form.kind}（未填名称 {number}）"
