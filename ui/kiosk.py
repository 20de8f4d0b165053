"""The kiosk: a full-screen form on the facilitator's laptop, passed round the room.

One participant at a time picks their name (or answers anonymously with their function),
scores one statement at a time with big 1–5 buttons or the keys 1–5, checks a review page
and submits; the kiosk then clears itself for the next person. Every answer is stored the
moment it is given. Leaving needs the facilitator: Esc asks for a word to be typed, which
a participant does not do by accident. Texts are in the workshop's language.

Keys: 1–5 answer (and move on), ↑/↓ change the answer, ←/Backspace back, →/Enter next.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.context import AppContext
from ui.errors import guard
from ui.kiosk_parts import ChoiceButton, label
from workshop.i18n import translator
from workshop.instrument import default_instrument
from workshop.participants import add_participant, list_participants, set_answer
from workshop.vocabulary import FUNCTION_LABELS, FUNCTIONS
from workshop.workshops import get_workshop

THANKS_MS = 6000  # the thank-you page clears itself after this long


class KioskWindow(QWidget):
    PICK, FUNCTION, QUESTION, REVIEW, THANKS, LEAVE = range(6)

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx, self.workshop_id = ctx, workshop_id
        self.setObjectName("kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(theme.KIOSK)
        self.lang = get_workshop(ctx.db, workshop_id).language
        self._ = translator(self.lang)
        self.instrument = default_instrument()
        self.statements = self.instrument.statements
        self.unlocked = False
        self.returning_to: int = self.PICK
        self.reset()
        self.setWindowTitle(self._("Score the statements"))
        self.stack = QStackedWidget()
        for build in (self._build_pick, self._build_function, self._build_question, self._build_review,
                      self._build_thanks, self._build_leave):
            self.stack.addWidget(build())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 16)
        layout.addWidget(self.stack, 1)
        foot = QHBoxLayout()
        foot.addStretch(1)
        self.leave_button = QPushButton(self._("Facilitator: leave the kiosk (Esc)"))
        self.leave_button.setObjectName("kioskQuiet")
        self.leave_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.leave_button.clicked.connect(self.ask_to_leave)
        foot.addWidget(self.leave_button)
        layout.addLayout(foot)
        self._thanks_timer = QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.timeout.connect(self.next_person)
        self.next_person()

    def start(self) -> None:
        self.showFullScreen()
        self.activateWindow()

    def reset(self) -> None:
        self.participant_id: int | None = None
        self.name: str | None = None
        self.function = ""
        self.answers: dict[str, int] = {}
        self.index = 0
        self.from_review = False

    # --- pages -------------------------------------------------------------------------

    def _build_pick(self) -> QWidget:
        _, page = self._, QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(16)
        layout.addWidget(label(_("Who is scoring?"), "kioskTitle"))
        layout.addWidget(label(_("Tap or click your name to start, or type it and press Enter. "
                                 "Not on the list? Answer anonymously."), "kioskHint"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Your name"))
        self.search.setAccessibleName(_("Your name"))
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._pick_current)
        self.names = QListWidget()
        self.names.setAccessibleName(_("Participants who have not finished"))
        self.names.itemActivated.connect(lambda _item: self._pick_current())
        self.names.itemClicked.connect(self._pick)  # one click or tap starts: a kiosk is not a file list
        layout.addWidget(self.search)
        layout.addWidget(self.names, 1)
        self.anonymous_button = QPushButton(_("Answer &anonymously"))
        self.anonymous_button.setObjectName("kioskPrimary")
        self.anonymous_button.clicked.connect(lambda: self.show_page(self.FUNCTION))
        layout.addWidget(self.anonymous_button, 0, Qt.AlignmentFlag.AlignHCenter)
        return page

    def _build_function(self) -> QWidget:
        _, page = self._, QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(24)
        layout.addStretch(1)
        layout.addWidget(label(_("Which function are you in?"), "kioskTitle"))
        layout.addWidget(label(_("Press 1–4 or click. Only group results are ever shown."), "kioskHint"))
        row = QHBoxLayout()
        row.setSpacing(16)
        self.function_buttons = []
        for number, key in enumerate(FUNCTIONS, 1):
            button = ChoiceButton(number, _(FUNCTION_LABELS[key]))
            button.clicked.connect(lambda _c=False, k=key: self.choose_function(k))
            self.function_buttons.append(button)
            row.addWidget(button)
        layout.addLayout(row)
        back = QPushButton(_("← Back"))
        back.clicked.connect(lambda: self.show_page(self.PICK))
        layout.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(2)
        return page

    def _build_question(self) -> QWidget:
        _, page = self._, QWidget()
        # The page itself takes the keys (1–5, arrows, Enter, Backspace); its buttons are for the mouse.
        page.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        page.setAccessibleName(_("Statement"))  # then "Statement 3 of 20", the statement as its description
        self.question_page = page
        layout = QVBoxLayout(page)
        layout.setSpacing(18)
        top = QHBoxLayout()
        self.who = label(center=False)
        self.who.setObjectName("kioskHint")
        self.position = label(center=False)
        self.position.setAlignment(Qt.AlignmentFlag.AlignRight)
        top.addWidget(self.who, 1)
        top.addWidget(self.position)
        layout.addLayout(top)
        self.progress = QProgressBar()
        self.progress.setRange(0, len(self.statements))
        self.progress.setTextVisible(False)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        self.statement = label(name="kioskStatement")
        self.statement.setMinimumHeight(160)
        layout.addWidget(self.statement)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(14)
        self.choices = QButtonGroup(self)
        self.choices.setExclusive(True)
        for scale in self.instrument.scale:
            button = ChoiceButton(scale.value, scale.label(self.lang))
            button.setCheckable(True)
            button.clicked.connect(lambda _c=False, v=scale.value: self.answer(v))
            self.choices.addButton(button, scale.value)
            row.addWidget(button)
        layout.addLayout(row)
        layout.addStretch(1)
        nav = QHBoxLayout()
        self.back_button = QPushButton(_("← Back"))
        self.back_button.clicked.connect(self.previous)
        self.next_button = QPushButton(_("Next →"))
        self.next_button.setObjectName("kioskPrimary")
        self.next_button.clicked.connect(self.next)
        nav.addWidget(self.back_button)
        nav.addWidget(label(_("Keys: 1–5 to answer · ← → to move · Enter for next"), "kioskHint"), 1)
        nav.addWidget(self.next_button)
        layout.addLayout(nav)
        for button in (*self.choices.buttons(), self.back_button, self.next_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return page

    def _build_review(self) -> QWidget:
        _, page = self._, QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(12)
        layout.addWidget(label(_("Check your answers"), "kioskTitle"))
        layout.addWidget(label(_("To change one, select it and press Enter. Everything is already saved."),
                                "kioskHint"))
        self.review = QListWidget()
        self.review.setAccessibleName(_("Your answers"))
        self.review.setStyleSheet(theme.text(18))
        self.review.setWordWrap(True)  # a long statement wraps instead of running off to the right
        self.review.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.review.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.review.itemActivated.connect(lambda item: self.go_to(self.review.row(item), from_review=True))
        layout.addWidget(self.review, 1)
        self.review_note = label(name="kioskHint")
        layout.addWidget(self.review_note)
        nav = QHBoxLayout()
        back = QPushButton(_("← Back"))
        back.clicked.connect(lambda: self.go_to(len(self.statements) - 1))
        self.submit_button = QPushButton(_("Submit"))
        self.submit_button.setObjectName("kioskPrimary")
        self.submit_button.clicked.connect(self.submit)
        nav.addWidget(back)
        nav.addStretch(1)
        nav.addWidget(self.submit_button)
        layout.addLayout(nav)
        return page

    def _build_thanks(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(label(self._("Thank you!"), "kioskTitle"))
        layout.addWidget(label(self._("Your answers are saved. Please pass the laptop on to the next person.")))
        more = QPushButton(self._("Next person"))
        more.setObjectName("kioskPrimary")
        more.clicked.connect(self.next_person)
        layout.addWidget(more, 0, Qt.AlignmentFlag.AlignHCenter)
        self.thanks_button = more
        layout.addStretch(2)
        return page

    def _build_leave(self) -> QWidget:
        _, page = self._, QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(label(_("For the facilitator"), "kioskTitle"))
        self.word = _("LEAVE")
        layout.addWidget(label(_("To close the kiosk, type {word} and press Enter.").format(word=self.word)))
        self.leave_edit = QLineEdit()
        self.leave_edit.setAccessibleName(_("Word to leave the kiosk"))
        self.leave_edit.setMaximumWidth(360)
        self.leave_edit.returnPressed.connect(self._try_leave)
        layout.addWidget(self.leave_edit, 0, Qt.AlignmentFlag.AlignHCenter)
        self.leave_note = label(name="kioskHint")
        layout.addWidget(self.leave_note)
        stay = QPushButton(_("Back to the form"))
        stay.clicked.connect(lambda: self.show_page(self.returning_to))
        layout.addWidget(stay, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    # --- flow --------------------------------------------------------------------------

    def show_page(self, page: int) -> None:
        self.stack.setCurrentIndex(page)
        focus = {self.PICK: self.search, self.FUNCTION: self.function_buttons[0], self.REVIEW: self.submit_button,
                 self.THANKS: self.thanks_button, self.LEAVE: self.leave_edit}.get(page, self.question_page)
        focus.setFocus()

    def next_person(self) -> None:
        self._thanks_timer.stop()
        self.reset()
        count = len(self.statements)
        waiting = [p for p in list_participants(self.ctx.db, self.workshop_id) if p.name and len(p.answers) < count]
        self.waiting = waiting
        self.search.clear()
        self._filter("")
        self.show_page(self.PICK)

    def _filter(self, text: str) -> None:
        self.names.clear()
        for person in self.waiting:
            if text.strip().lower() in person.name.lower():
                item = QListWidgetItem(person.name)
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                self.names.addItem(item)
        if self.names.count():
            self.names.setCurrentRow(0)

    def _pick_current(self) -> None:
        item = self.names.currentItem()
        if item is None or not self.search.text().strip() and self.stack.currentIndex() == self.PICK \
                and self.search.hasFocus():
            return  # Enter in an empty name field picks nobody
        self._pick(item)

    def _pick(self, item: QListWidgetItem) -> None:
        if self.stack.currentIndex() != self.PICK:
            return  # a second click while the first one starts
        person = next(p for p in self.waiting if p.id == item.data(Qt.ItemDataRole.UserRole))
        self.participant_id, self.name, self.function = person.id, person.name, person.function
        self.answers = dict(person.answers)
        first_open = next((i for i, s in enumerate(self.statements) if s.id not in self.answers), 0)
        self.go_to(first_open)

    def choose_function(self, function: str) -> None:
        self.function = function
        self.go_to(0)

    def go_to(self, index: int, from_review: bool = False) -> None:
        self.index = max(0, min(index, len(self.statements) - 1))
        self.from_review = from_review
        statement = self.statements[self.index]
        _ = self._
        who = self.name or _("Anonymous") + " · " + _(FUNCTION_LABELS[self.function])
        self.who.setText(who)
        self.position.setText(_("Statement {n} of {total}").format(n=self.index + 1, total=len(self.statements)))
        self.progress.setValue(len(self.answers))
        self.statement.setText(statement.text(self.lang))
        self.question_page.setAccessibleName(self.position.text())
        self.question_page.setAccessibleDescription(statement.text(self.lang))
        self._show_choice()
        self.show_page(self.QUESTION)

    def _show_choice(self) -> None:
        chosen = self.answers.get(self.statements[self.index].id)
        self.choices.setExclusive(False)
        for button in self.choices.buttons():
            button.show_chosen(self.choices.id(button) == chosen)
        self.choices.setExclusive(True)
        self.next_button.setEnabled(chosen is not None)

    def answer(self, value: int, advance: bool = True) -> None:
        qid = self.statements[self.index].id
        with guard(self, self._("The answer was not saved")):
            if self.participant_id is None:
                info, changes = add_participant(self.ctx.db, self.workshop_id, None, self.function)
                self.participant_id = info.id
                self.ctx.apply(changes)
            self.ctx.apply(set_answer(self.ctx.db, self.participant_id, qid, value, "kiosk",
                                      workshop_id=self.workshop_id))
            self.answers[qid] = value
        self.progress.setValue(len(self.answers))
        self._show_choice()
        if advance and qid in self.answers:
            self.next()

    def next(self) -> None:
        if self.statements[self.index].id not in self.answers:
            return
        if self.from_review or self.index == len(self.statements) - 1:
            self.show_review()
        else:
            self.go_to(self.index + 1)

    def previous(self) -> None:
        if self.index > 0:
            self.go_to(self.index - 1)

    def show_review(self) -> None:
        self.review.clear()
        missing = 0
        for statement in self.statements:
            value = self.answers.get(statement.id)
            if value is None:
                missing += 1
                answer = "⚠ " + self._("not answered yet")
            else:
                answer = f"{value} · {self.instrument.scale[value - 1].label(self.lang)}"
            self.review.addItem(f"{statement.id[1:]}.  {statement.text(self.lang)}\n      → {answer}")
        note = self._("1 statement still needs an answer.") if missing == 1 else \
            self._("{n} statements still need an answer.").format(n=missing)
        self.review_note.setText(note if missing else "")
        self.review.setCurrentRow(0)
        self.show_page(self.REVIEW)

    def submit(self) -> None:
        missing = [i for i, s in enumerate(self.statements) if s.id not in self.answers]
        if missing:
            self.go_to(missing[0], from_review=True)
            return
        self.show_page(self.THANKS)
        self._thanks_timer.start(THANKS_MS)

    # --- leaving -----------------------------------------------------------------------

    def ask_to_leave(self) -> None:
        if self.stack.currentIndex() != self.LEAVE:
            self.returning_to = self.stack.currentIndex()
        self.leave_edit.clear()
        self.leave_note.setText("")
        self.show_page(self.LEAVE)

    def _try_leave(self) -> None:
        if self.leave_edit.text().strip().lower() == self.word.lower():
            self.unlocked = True
            self.close()
        else:
            self.leave_note.setText(self._("That is not the word. The kiosk stays open."))
            self.leave_edit.selectAll()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.unlocked:
            self._thanks_timer.stop()
            event.accept()
        else:
            event.ignore()
            self.ask_to_leave()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, page = event.key(), self.stack.currentIndex()
        if key == Qt.Key.Key_Escape:
            if page == self.LEAVE:
                self.show_page(self.returning_to)
            else:
                self.ask_to_leave()
            return
        if page == self.QUESTION:
            chosen = self.answers.get(self.statements[self.index].id)
            if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
                self.answer(key - Qt.Key.Key_0)
            elif key in (Qt.Key.Key_Left, Qt.Key.Key_Backspace):
                self.previous()
            elif key in (Qt.Key.Key_Right, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.next()
            elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                step = 1 if key == Qt.Key.Key_Up else -1
                self.answer(min(5, max(1, (chosen or 3 - step) + step)), advance=False)
            return
        if page == self.FUNCTION:
            if Qt.Key.Key_1 <= key <= Qt.Key.Key_4:
                self.choose_function(FUNCTIONS[key - Qt.Key.Key_1])
            elif key == Qt.Key.Key_Backspace:
                self.show_page(self.PICK)
            return
        if page == self.REVIEW:
            if key == Qt.Key.Key_Backspace:
                self.go_to(len(self.statements) - 1)
            elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.review.hasFocus():
                self.submit()
            return
        if page == self.THANKS:
            self.next_person()
            return
        if page == self.PICK and key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.names.count():
            row = self.names.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
            self.names.setCurrentRow(max(0, min(row, self.names.count() - 1)))
            return
        super().keyPressEvent(event)
