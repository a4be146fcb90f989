"""The completion vocabulary: counted per form and kept up to date one changed form at a time,
always the same words (and counts) as counting the whole project afresh."""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from itertools import pairwise

from desktop.core import operations as ops
from desktop.core.kinds import default_registry
from desktop.core.model import Indicator, Project
from desktop.core.operations import blank_form
from desktop.ui import vocabulary as vocab_module
from desktop.ui.document import Document


def project(forms: int = 4) -> Project:
    kind = default_registry()["project-declaration-2024"]
    p = Project(title="词表")
    for i in range(forms):
        form = blank_form(kind, f"f{i + 1}", year=2024)
        level2s = [l2 for l1 in form.indicators for l2 in l1.children]
        for j in range(6):
            l2 = level2s[j % len(level2s)]
            l2.indicators.append(Indicator(name=f"指标{j % 3}", target=f"≥{(i + j) % 4}次"))
        p.forms.append(form)
    return p


def counted(doc: Document, order: Callable[[list[str]], list[str]] = sorted) -> dict:
    """The vocabulary as words with their counts' order: a word list and, for each category,
    its units and values (the rank of ties is not part of the contract; `order=list` keeps
    the ranking, ties included)."""
    v = doc.vocabulary()
    return {
        "names": order(v.names),
        "values": order(v.values),
        "units": {k: order(v.units[k]) for k in v.units},
        "values_in": {k: order(v.values_in[k]) for k in v.values_in},
    }


def fresh(doc: Document) -> dict:
    return counted(Document(copy.deepcopy(doc.project)))


def ranked_by_count(words: list[str], counts: Counter) -> bool:
    return all(counts[a] >= counts[b] for a, b in pairwise(words))


def test_vocabulary_follows_edits_as_a_fresh_count_would(qapp):
    doc = Document(project())
    assert counted(doc) == fresh(doc)
    form = doc.project.forms[1]
    uid = next(ind.uid for _, _, ind in form.iter_indicators())
    doc.apply(ops.SetCells(form.id, [(uid, "target", "≤7人")]), "值")
    doc.apply(ops.SetCells(form.id, [(uid, "name", "新的指标")]), "名")
    assert "≤7人" in doc.vocabulary().values and "新的指标" in doc.vocabulary().names
    assert counted(doc) == fresh(doc)
    doc.apply(ops.DeleteForm(doc.project.forms[0].id), "删")
    assert counted(doc) == fresh(doc)
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert "新的指标" not in doc.vocabulary().names
    assert counted(doc) == fresh(doc)
    names = Counter(ind.name for f in doc.project.forms for _, _, ind in f.iter_indicators())
    assert ranked_by_count(doc.vocabulary().names, names)


def test_a_value_edit_recounts_one_form_and_keeps_the_ranked_names(qapp, monkeypatch):
    doc = Document(project(6))
    names = doc.vocabulary().names
    model = doc.names_model()
    counts = []
    real = vocab_module.form_words
    monkeypatch.setattr(
        vocab_module, "form_words", lambda form, kind: counts.append(form.id) or real(form, kind)
    )
    form = doc.project.forms[3]
    uid = next(ind.uid for _, _, ind in form.iter_indicators())
    doc.apply(ops.SetCells(form.id, [(uid, "target", "≥99台")]), "值")
    vocabulary = doc.vocabulary()
    assert counts == [form.id]  # only the changed form was counted again
    assert vocabulary.names is names  # the names did not change: not ranked again
    assert doc.names_model() is model and model.stringList() == names
    assert vocabulary.values[0] != "≥99台" and "≥99台" in vocabulary.values
    assert "台" in vocabulary.units["数量指标"]


def test_extra_words_come_after_the_projects_own(qapp):
    doc = Document(project(2))
    own = list(doc.vocabulary().names)
    doc.extra_vocabulary = vocab_module.Vocabulary(
        names=["库里的指标", own[0]], values_in={"数量指标": ["≥1套"], "新类": ["≥2次"]}
    )
    vocabulary = doc.vocabulary()
    assert vocabulary.names == [*own, "库里的指标"]
    assert vocabulary.values_in["数量指标"][-1] == "≥1套"
    assert vocabulary.values_in.get("新类") == ["≥2次"]
    assert vocabulary.values_in.get("没有") is None


def test_counting_in_slices_ranks_as_one_count_does(qapp, monkeypatch):
    doc = Document(project(5))
    counts: list[str] = []
    real = vocab_module.form_words
    monkeypatch.setattr(
        vocab_module, "form_words", lambda form, kind: counts.append(form.id) or real(form, kind)
    )
    slices = 0
    while not doc._words.update(doc.project, until=0.0):  # a moment long past: one form each
        slices += 1
        assert len(counts) == slices
    assert counts == [f.id for f in doc.project.forms]  # in the project's order
    assert counted(doc, list) == counted(Document(copy.deepcopy(doc.project)), list)


def test_an_edit_while_counting_in_slices_is_counted(qapp):
    doc = Document(project(5))
    assert not doc._words.update(doc.project, until=0.0)
    form = doc.project.forms[0]  # counted already: counted again
    uid = next(ind.uid for _, _, ind in form.iter_indicators())
    doc.apply(ops.SetCells(form.id, [(uid, "name", "改过的指标")]), "名")
    later = doc.project.forms[3]  # not counted yet
    uid = next(ind.uid for _, _, ind in later.iter_indicators())
    doc.apply(ops.SetCells(later.id, [(uid, "target", "≤5台")]), "值")
    while not doc._words.update(doc.project, until=0.0):
        pass
    assert "改过的指标" in doc.vocabulary().names and "≤5台" in doc.vocabulary().values
    assert counted(doc) == fresh(doc)


def test_the_first_cell_editor_after_opening_counts_nothing(make_window, qtbot, monkeypatch):
    """The words are counted while the window is idle, not when the first editor opens."""
    window = make_window()
    doc = window.doc
    counts: list[str] = []
    real = vocab_module.form_words
    monkeypatch.setattr(
        vocab_module, "form_words", lambda form, kind: counts.append(form.id) or real(form, kind)
    )
    qtbot.waitUntil(lambda: len(counts) == len(doc.project.forms), timeout=5000)
    qtbot.waitUntil(lambda: not doc._words_timer.isActive())  # done: no timer left spinning
    view = window.page.indicator_view
    first = next(ind for _, _, ind in doc.form(window.page.form_id).iter_indicators())
    index = view.tree.index_for(first.uid, "name")
    view.setCurrentIndex(index)
    view.edit(index)
    assert window.focusWidget() is not view  # the editor is open, with its completions
    assert len(counts) == len(doc.project.forms)  # and nothing was counted for it
