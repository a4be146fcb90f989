"""Start-up pieces: the bundled font, the translations, the command line."""

from __future__ import annotations

import ast
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QFontInfo, QRawFont
from PySide6.QtWidgets import QApplication

from desktop import __version__
from desktop.core.resources import resources_dir
from desktop.ui import app as app_module
from desktop.ui.app import choose_language, install_translations, main, parse_args

UI = Path(app_module.__file__).parent
TS = resources_dir() / "translations" / "jixiao_en.ts"
QM = resources_dir() / "translations" / "jixiao_en.qm"


def test_the_bundled_chinese_font_is_the_interface_font(qapp):
    family = QFontInfo(qapp.font()).family()
    assert family == "WenQuanYi Micro Hei"
    raw = QRawFont.fromFont(qapp.font())
    assert all(raw.supportsCharacter(ord(ch)) for ch in "绩效指标值≥≤（）“”")


def _ts_messages() -> dict[str, str]:
    root = ET.parse(TS).getroot()
    return {m.findtext("source"): m.find("translation") for m in root.iter("message")}


def _tr_literals() -> set[str]:
    """Every string literal passed to tr() in the Qt layer."""
    found = set()
    for path in UI.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(node.args[0].value)
    return found


def test_every_string_is_in_the_ts_file_and_translated():
    messages = _ts_messages()
    assert _tr_literals() <= set(messages), "run pyside6-lupdate (see resources/translations)"
    unfinished = [s for s, t in messages.items() if t.get("type") == "unfinished" or not t.text]
    assert unfinished == []


def test_the_compiled_qm_matches_the_ts_file():
    translator = QTranslator()
    assert translator.load(str(QM))
    root = ET.parse(TS).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            expected = message.findtext("translation")
            assert translator.translate(name, message.findtext("source")) == expected


def test_english_on_request(qapp):
    translators = install_translations(qapp, "en")
    try:
        assert QCoreApplication.translate("", "保存(&S)") == "&Save"
        assert QCoreApplication.translate("", "问题列表") == "Problems"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert QCoreApplication.translate("", "保存(&S)") == "保存(&S)"


def test_language_choice(monkeypatch):
    monkeypatch.delenv("JIXIAO_LANG", raising=False)
    assert choose_language(None) == "zh"
    assert choose_language("en") == "en"
    monkeypatch.setenv("JIXIAO_LANG", "en_US")
    assert choose_language(None) == "en"
    assert parse_args(["x.jixiao", "--lang", "en"]).lang == "en"


def test_python_dash_m_runs_the_gui_entry_point():
    result = subprocess.run(
        [sys.executable, "-m", "desktop.ui", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "--lang" in result.stdout


def test_main_falls_back_to_the_sample_when_the_file_cannot_open(monkeypatch, tmp_path, answers):
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name))
    shown = []
    monkeypatch.setattr(
        QApplication,
        "exec",
        lambda self=None: (
            shown.extend(
                w for w in QApplication.topLevelWidgets() if w.isVisible() and hasattr(w, "doc")
            )
            or 0
        ),
    )
    broken = tmp_path / "broken.jixiao"
    broken.write_text("{", encoding="utf-8")
    assert main([str(broken)]) == 0
    assert answers.errors and "broken.jixiao" in answers.errors[0][1]
    QApplication.processEvents()  # the recovery check queued for after the window shows
    window = shown[-1]
    assert window.doc.path is None and len(window.doc.project.forms) == 5
    window.close()
    window.deleteLater()


def test_about_names_the_version(window, answers):
    window.action("about").trigger()
    assert __version__ in answers.about[0]


def test_the_editor_starts_and_names_a_broken_user_kind(monkeypatch, tmp_path, answers):
    from desktop.core import kinds

    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name))
    forms = tmp_path / "XDG_DATA_HOME" / "jixiao" / "forms"
    forms.mkdir(parents=True)
    (forms / "本地表样.json").write_text('{"format": "jixiao-form-kind"}', "utf-8")
    monkeypatch.setattr(kinds, "_default", None)  # load the kinds again, with this user folder
    shown = []
    monkeypatch.setattr(
        QApplication,
        "exec",
        lambda self=None: (
            shown.extend(
                w for w in QApplication.topLevelWidgets() if w.isVisible() and hasattr(w, "doc")
            )
            or 0
        ),
    )
    assert main([]) == 0
    assert len(answers.errors) == 1
    _title, text = answers.errors[0]
    assert "本地表样.json" in text and "字段" in text and "已跳过" in text
    QApplication.processEvents()
    window = shown[-1]
    assert len(window.doc.project.forms) == 5  # the sample opened and checked as usual
    assert window.doc.findings()
    window.close()
    window.deleteLater()


def test_a_broken_bundled_kind_stops_the_editor_with_a_message(monkeypatch, tmp_path):
    from desktop.core import kinds

    def broken():
        raise kinds.KindError("project-target-2026.json: 字段 title 有误")

    shown = []
    monkeypatch.setattr(kinds, "_default", None)
    monkeypatch.setattr(app_module, "default_registry", broken)
    monkeypatch.setattr(
        app_module.QMessageBox, "critical", staticmethod(lambda *a: shown.append(a[2]))
    )
    assert main([]) == 2
    assert "project-target-2026.json" in shown[0] and "title" in shown[0]
