"""Project.form finds a form by id through an index that stays right whatever happens to the
forms list (added, removed, moved, replaced), without scanning the list on every call."""

from __future__ import annotations

from desktop.core.kinds import default_registry
from desktop.core.model import Project
from desktop.core.operations import blank_form


def _project(n: int) -> Project:
    kind = default_registry()["project-declaration-2024"]
    return Project(forms=[blank_form(kind, f"f{i}", year=2024) for i in range(n)])


class CountingList(list):
    """A forms list that counts how often it is walked through."""

    walks = 0

    def __iter__(self):
        CountingList.walks += 1
        return super().__iter__()


def test_form_by_id_follows_every_change_of_the_list() -> None:
    project = _project(5)
    assert project.form("f3") is project.forms[3]
    moved = project.forms.pop(3)
    project.forms.insert(0, moved)
    assert project.form("f3") is moved and project.form("f2") is project.forms[3]
    gone = project.forms.pop(1)
    assert project.form(gone.id) is None
    replacement = blank_form(default_registry()["project-declaration-2024"], "f4", year=2024)
    project.forms[project.forms.index(project.form("f4"))] = replacement
    assert project.form("f4") is replacement
    project.forms.append(gone)
    assert project.form(gone.id) is gone
    assert project.form("nothing") is None
    copy = project.model_copy(deep=True)
    assert copy.form("f3").id == "f3"
    fresh = project.model_copy(deep=True)
    assert copy == fresh == project  # the index is not content: looked up or not, equal


def test_looking_up_every_form_walks_the_list_once() -> None:
    project = _project(300)
    project.forms = CountingList(project.forms)
    CountingList.walks = 0
    for form in list.__iter__(project.forms):
        assert project.form(form.id) is form
    assert CountingList.walks <= 1
