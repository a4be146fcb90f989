"""Real-window tests: the installed editor on an Xvfb display, driven by xdotool.

They skip, saying why, only where Xvfb or xdotool is not installed (`.ci/run` installs them
when it runs as root).
"""

from __future__ import annotations

import pytest

from tests.e2e.harness import Display, Editor, missing_tools


@pytest.fixture(scope="session")
def display():
    missing = missing_tools()
    if missing:
        pytest.skip(
            f"real-window tests need {' and '.join(missing)} "
            "(apt-get install xvfb xdotool xclip): not installed here"
        )
    server = Display()
    yield server
    server.close()


@pytest.fixture
def launch(display, tmp_path):
    """Start the editor (`launch(*args)`); at the end it must still be alive and have printed
    no error, and it is killed."""
    editors: list[Editor] = []

    def start(*args, home=None, check_output: bool = True) -> Editor:
        editor = Editor(display, list(args), home=home or tmp_path / f"home{len(editors)}")
        editor.check_output = check_output
        editors.append(editor)
        return editor

    yield start
    try:
        for editor in editors:
            if editor.process.poll() is None:
                editor.check_alive()
                if editor.check_output:
                    assert editor.errors() == [], editor.output()[-3000:]
    finally:
        for editor in editors:
            editor.close()
