"""`jixiao-gui [FILE] [--lang zh|en]`: start the editor.

The bundled Chinese font is registered before the first window, so the interface reads the
same on a PC without Chinese fonts; the interface is Chinese unless English is asked for.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# The core before Qt: once PySide6 is imported it reads the source of every module imported
# after it (its `__feature__` hook looks for "PySide6" in each file), and the core never uses
# Qt. Importing what the window needs at start first saves that (about 30 ms of the start).
import desktop.core.autosave
import desktop.core.checks
import desktop.core.diff
import desktop.core.editing
import desktop.core.embedded
import desktop.core.fingerprint
import desktop.core.history
import desktop.core.lastyear
import desktop.core.library
import desktop.core.locks
import desktop.core.operations
import desktop.core.print_settings
import desktop.core.recent
import desktop.core.review
import desktop.core.selfeval
import desktop.core.spreadsheet
import desktop.core.storage  # noqa: F401

# isort: split
from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.catalogue import set_language
from desktop.core.kinds import KindError, default_registry
from desktop.core.resources import resources_dir
from desktop.ui import refguard, session_end
from desktop.ui.qt_catalogue import AcceleratorFallback

UI_FONT = "fonts/wqy-microhei.ttc"
LANGUAGES = ("zh", "en")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="jixiao-gui", description="绩效目标表编辑器")
    parser.add_argument("file", nargs="?", type=Path, help="要打开的项目文件（.jixiao）")
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=None, help="界面语言：zh 中文（默认）或 en English"
    )
    return parser.parse_args(argv)


def choose_language(requested: str | None) -> str:
    """--lang, else JIXIAO_LANG, else Chinese (the users' language)."""
    if requested in LANGUAGES:
        return requested
    env = os.environ.get("JIXIAO_LANG", "").lower()[:2]
    return env if env in LANGUAGES else "zh"


def use_bundled_font(app: QApplication) -> str | None:
    """Register the bundled font and make it the interface font; returns its family."""
    font_id = QFontDatabase.addApplicationFont(str(resources_dir() / UI_FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    font = QFont(app.font())
    font.setFamilies([families[0]])
    app.setFont(font)
    return families[0]


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Our strings are written in Chinese; English comes from jixiao_en.qm. Qt's own
    buttons and dialogs use Qt's catalogue for the language."""
    translators = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        catalogues = [(str(resources_dir() / "translations"), "jixiao_en")]
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        catalogues = [
            (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), "qtbase_zh_CN")
        ]
    for directory, name in catalogues:
        translator = QTranslator(app)
        if translator.load(name, directory):
            if name.startswith("qtbase"):  # asked after Qt's catalogue: fills its gaps
                fallback = AcceleratorFallback(translator, app)
                app.installTranslator(fallback)
                translators.append(fallback)
            app.installTranslator(translator)
            translators.append(translator)
    return translators


def make_app(argv: list[str], language: str) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("jixiao")
    app.setOrganizationName("jixiao")
    use_bundled_font(app)
    install_translations(app, language)
    if not hasattr(app, "none_guard"):
        app.none_guard = refguard.install(app)  # a PySide6 that loses references to None
    return app


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    language = choose_language(args.lang)
    set_language(language)  # the core's messages (findings) in the interface's language
    app = make_app(sys.argv[:1], language)

    from desktop.ui.import_flow import ImportFlow
    from desktop.ui.main_window import MainWindow

    try:
        default_registry()
    except KindError as exc:  # a bundled form kind: the installation is broken
        QMessageBox.critical(None, "jixiao", f"表样定义有误，请重新安装：{exc}")
        return 2
    window = MainWindow()
    ImportFlow.install(window)
    if args.file is None or not window.files.open_path(args.file):
        window.files.open_sample()
    window.show()
    session_end.install(app, window.files)
    if os.environ.get("JIXIAO_TEST_PROBE"):  # tests/e2e only: where widgets are on screen
        from desktop.ui.testprobe import install_from_env

        install_from_env(window)
    skipped = window.registry.warnings  # a broken form kind or rules file of the user's own
    if skipped:
        QMessageBox.warning(window, window.tr("表样文件有误"), "\n\n".join(skipped))
    QTimer.singleShot(0, window.files.offer_recovery)
    return app.exec()
