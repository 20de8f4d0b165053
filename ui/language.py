"""The interface language: our gettext catalogue and Qt's own translations for its dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from ui.context import AppContext
from workshop.i18n import set_language

_qt_translator: QTranslator | None = None


def apply_language(ctx: AppContext | None, language: str) -> None:
    """Switch the interface language: our catalogue and Qt's own dialogs (buttons, file dialogs)."""
    global _qt_translator
    set_language(language)
    if ctx is not None:
        ctx.language = language
    app = QCoreApplication.instance()
    if app is None:
        return
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if language != "en":
        translator = QTranslator(app)
        if translator.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(translator)
            _qt_translator = translator
