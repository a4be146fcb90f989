"""The Edit menu never acts on a view whose form page has gone.

The monkey (seed 3, the 2024 sample, action 226): after a click in the problems list showed
another form, Ctrl+Down went to the indicator tree of the page that had been replaced and
deleted ("Internal C++ object (IndicatorView) already deleted")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent

from tests.ui.conftest import sample


def test_edit_actions_after_the_page_was_replaced(make_window, qtbot):
    window = make_window(sample("2024-project-declarations.jixiao"))
    first, second = (f.id for f in window.doc.project.forms[:2])
    window.show_form(first)
    old = window.page.indicator_view
    old.setFocus()
    qtbot.waitUntil(old.hasFocus)
    old.clearFocus()  # the focus went nowhere (a popup, another application's window)
    window.show_form(second)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the old page goes

    window.action("down").trigger()  # Ctrl+Down
    window.action("copy").trigger()

    assert window.current_form_id() == second
