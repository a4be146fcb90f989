"""Named operations on a project: what the CLI and the editor do to the model."""

from __future__ import annotations

import datetime

from desktop.core.kinds import FormKind
from desktop.core.model import Form, Level1, Level2, Project


def blank_form(kind: FormKind, form_id: str, year: int | None = None) -> Form:
    """A form of `kind` with its categories laid out and no indicators yet."""
    header = {"year": str(year or kind.year or datetime.date.today().year)} if any(
        f.key == "year" for f in kind.header
    ) else {}
    return Form(
        id=form_id,
        kind=kind.id,
        header=header,
        indicators=[
            Level1(name=c.name, children=[Level2(name=d.name) for d in c.children])
            for c in kind.categories
        ],
    )


def new_project(kind: FormKind, title: str = "") -> Project:
    """A project holding one empty form of `kind`."""
    project = Project(title=title)
    project.forms.append(blank_form(kind, project.new_form_id()))
    return project
