"""The app's look in one place: colours, type sizes, spacing and every style sheet.

Widgets name themselves with ``setObjectName`` and the sheets here style them; a widget
whose look depends on a number (a presenter's type size, a countdown's phase) asks one of
the functions below for its style instead of writing colours itself. The brand colour is
the same navy the charts and the printed report use (``workshop/charts/style.py``,
``workshop/report/styles.py``): it reads as dark grey in black-and-white print.
"""

from __future__ import annotations

# --- colours --------------------------------------------------------------------------

BRAND = "#1f4e79"  # navy: headings, the chosen option, progress
BRAND_DARK = "#173b5c"  # the border of a filled brand button
BRAND_DEEP = "#0f2a44"  # the border of a chosen toggle (a second cue beside the fill)
BRAND_HOVER = "#285f92"
BRAND_DISABLED = "#9aaec2"
INK = "#1a1a1a"  # body text
MUTED = "#5c5c5c"  # secondary text (contrast 6.7:1 on white)
SOFT = "#6b6b6b"  # cells with nothing in them yet
FAINT = "#8a8a8a"  # quiet buttons, grey frames
DISABLED_INK = "#a0a0a0"
SUCCESS = "#1e6b34"  # a complete form or participant
ERROR = "#a61b1b"
OVERDUE = "#7a1712"  # overdue commitments: bold and marked too, never colour alone
OVERDUE_BACKGROUND = "#fbe3e1"
WARNING_BACKGROUND = "#fff4d6"
WARNING_BORDER = "#e8c66a"
WARNING_INK = "#5a4300"
CAUTION = "#8a5a00"  # a row of an import that changes something
FOCUS = "#f0b429"  # the keyboard focus ring on filled buttons
LINE = "#dde1e7"  # card borders, the sidebar's edge
RULE = "#e4e8ee"  # thin separators, hover
TOGGLE_BORDER = "#b8c2cc"
SIDEBAR = "#f2f4f7"
BADGE = "#e8edf3"  # a badge or chip behind short text
PANEL = "#f5f7fa"
PAGE_GREY = "#8a8a8a"  # the desk around a previewed page
FILLED_CELL = "#e3f1e6"  # a paper form that is complete
WHITE = "white"

# The presenter's countdown: background and ink per phase (each pair at least 4.5:1).
COUNTDOWN = {
    "normal": (BADGE, INK),
    "warning": (FOCUS, INK),
    "urgent": ("#b3261e", "#ffffff"),
    "over": ("#5c0f0b", "#ffffff"),
}

# The phone's join screen is seen from the back of the room: a bluer ink for the big type.
JOIN_INK = "#1a2230"
JOIN_MUTED = "#5c6573"
MONOSPACE = '"DejaVu Sans Mono", Menlo, Consolas, monospace'

# --- sizes (px) ---------------------------------------------------------------------

SIDEBAR_WIDTH = 230
PAGE_MARGINS = (24, 20, 24, 12)
CARD_MARGINS = (16, 12, 16, 12)

# The room's slides, at the reference projector (1280×720); they scale with the window.
# Charts on a slide take the "screen" size of workshop/charts/style.py (charts live in
# workshop/ and cannot read this module).
SLIDE_REFERENCE = (1280, 720)
SLIDE_HEADLINE = 40
SLIDE_HEADING = 32
SLIDE_TEXT = 28  # a statement's text
SLIDE_QUESTION = 24
SLIDE_NOTE = 22
SLIDE_MIN = 12


def slide_scale(width: int, height: int) -> float:
    """How much larger than on the reference projector a slide's type may be in a window this size."""
    return min(max(width, 320) / SLIDE_REFERENCE[0], max(height, 240) / SLIDE_REFERENCE[1])


def text(size: int | None = None, colour: str | None = None, *, weight: int | None = None,
         italic: bool = False, extra: str = "") -> str:
    """The style of one label: size, colour, weight; ``extra`` for a badge's background."""
    parts = []
    if size is not None:
        parts.append(f"font-size: {size}px;")
    if weight is not None:
        parts.append(f"font-weight: {weight};")
    if colour is not None:
        parts.append(f"color: {colour};")
    if italic:
        parts.append("font-style: italic;")
    if extra:
        parts.append(extra)
    return " ".join(parts)


def badge(size: int | None = None, colour: str | None = None, *, weight: int | None = None, radius: int = 6,
          padding: str = "2px 8px") -> str:
    """Short text on a light chip (a status, a count)."""
    return text(size, colour, weight=weight,
                extra=f"background: {BADGE}; border-radius: {radius}px; padding: {padding};")


def separator() -> str:
    return f"background: {RULE};"


def card(name: str, background: str = WHITE, radius: int = 8) -> str:
    return f"QFrame#{name} {{ background: {background}; border: 1px solid {LINE}; border-radius: {radius}px; }}"


def countdown(phase: str) -> str:
    background, ink = COUNTDOWN[phase]
    return (f"background: {background}; color: {ink}; font-size: 34px; font-weight: 700;"
            " border-radius: 10px; padding: 6px 22px;")


def headline(presenter: bool) -> str:
    return text(34 if presenter else 20, BRAND, weight=600)


def prompts(size: int) -> str:
    """The discussion prompts, at the size of the screen they are on."""
    return (f"#prompts QLabel {{ font-size: {size}px; color: {INK}; }}"
            f"#prompts QLabel#promptHeading {{ font-size: {size + 3}px; font-weight: 600; color: {BRAND}; }}"
            f"#prompts QLabel#promptNote {{ color: {MUTED}; font-size: {size - 2}px; }}")


def round_badge(side: int) -> str:
    return f"border-radius: {side // 2}px;"


# --- style sheets -------------------------------------------------------------------

# The facilitator's main window (and what it holds: pages, dialogs opened from it).
MAIN = f"""
#sidebar {{ background: {SIDEBAR}; border-right: 1px solid {LINE}; }}
#sidebar QListWidget {{ background: transparent; border: none; font-size: 14px; outline: 0; }}
#sidebar QListWidget::item {{ padding: 9px 12px; margin: 1px 8px; border-radius: 6px; color: {INK}; }}
#sidebar QListWidget::item:hover {{ background: {RULE}; }}
#sidebar QListWidget::item:selected {{ background: {BRAND}; color: white; }}
#sidebarClient {{ color: {MUTED}; font-size: 12px; }}
#sidebarTitle {{ font-size: 15px; font-weight: 600; color: {INK}; }}
#sidebarDate {{ color: {MUTED}; font-size: 12px; }}
#backButton {{ border: none; color: {BRAND}; padding: 4px 0; text-align: left; }}
#backButton:hover {{ text-decoration: underline; }}
#pageHeading {{ font-size: 20px; font-weight: 600; color: {INK}; }}
#sectionHeading {{ font-size: 15px; font-weight: 600; color: {INK}; }}
#mutedNote {{ color: {MUTED}; }}
#emptyNote {{ color: {MUTED}; font-size: 14px; }}
#errorNote {{ color: {ERROR}; }}
#warningBanner {{ background: {WARNING_BACKGROUND}; border: 1px solid {WARNING_BORDER}; border-radius: 6px;
                 padding: 8px 10px; color: {WARNING_INK}; }}
#welcome {{ background: {SIDEBAR}; }}
#welcomeCard {{ background: white; border: 1px solid {LINE}; border-radius: 10px; }}
#welcomeTitle {{ font-size: 24px; font-weight: 600; color: {BRAND}; }}
#welcomeText {{ font-size: 14px; color: {INK}; }}
#welcomeSteps {{ color: {MUTED}; font-size: 13px; }}
QPushButton#primaryButton {{ background: {BRAND}; color: white; border: 1px solid {BRAND_DARK}; border-radius: 5px;
                            padding: 7px 16px; font-weight: 600; }}
QPushButton#primaryButton:hover {{ background: {BRAND_HOVER}; }}
QPushButton#primaryButton:focus {{ border: 2px solid {FOCUS}; }}
QToolButton#primaryToolButton {{ background: {BRAND}; color: white; border: 1px solid {BRAND_DARK};
                                border-radius: 4px; padding: 3px 12px; font-weight: 600; }}
QToolButton#primaryToolButton:hover {{ background: {BRAND_HOVER}; }}
QToolButton#primaryToolButton:disabled {{ background: {BRAND_DISABLED}; border-color: {BRAND_DISABLED}; }}
QTreeView#workshopTree, QTableView#participantsTable {{ font-size: 13px; }}
QTreeView#workshopTree::item {{ padding: 4px 2px; }}
"""

# One of a set of choices (a practice's status, a funnel owner): the chosen one is filled.
TOGGLE = (
    f"QPushButton {{ padding: 3px 8px; border: 1px solid {TOGGLE_BORDER}; border-radius: 4px; background: white; }}"
    f"QPushButton:checked {{ background: {BRAND}; color: white; border: 2px solid {BRAND_DEEP}; font-weight: 600; }}"
)

# The reveal's "on the presenter screen" buttons.
VIEW_CHOICE = (f"QPushButton:checked {{ background: {BRAND}; color: white; border: 1px solid {BRAND_DARK};"
               " border-radius: 4px; padding: 4px 10px; }")

# The kiosk: a laptop passed round, read at arm's length and used by touch.
KIOSK = f"""
#kiosk {{ background: white; }}
#kiosk QLabel {{ color: {INK}; font-size: 20px; }}
#kiosk QLabel#kioskTitle {{ font-size: 38px; font-weight: 600; color: {BRAND}; }}
#kiosk QLabel#kioskStatement {{ font-size: 36px; font-weight: 500; }}
#kiosk QLabel#kioskHint {{ font-size: 17px; color: {MUTED}; }}
#kiosk QLabel#kioskReview {{ font-size: 18px; }}
#kiosk QLineEdit {{ font-size: 24px; padding: 8px; border: 2px solid {FAINT}; border-radius: 6px; }}
#kiosk QListWidget {{ font-size: 24px; border: 2px solid #d0d0d0; border-radius: 6px; }}
#kiosk QListWidget::item {{ padding: 10px; }}
#kiosk QListWidget::item:selected {{ background: {BRAND}; color: white; }}
#kiosk QPushButton {{ font-size: 20px; padding: 12px 22px; border: 2px solid {FAINT}; border-radius: 8px;
                     background: #f4f4f4; color: {INK}; }}
#kiosk QPushButton:focus {{ border: 3px solid {FOCUS}; }}
#kiosk QPushButton#kioskPrimary {{ background: {BRAND}; color: white; border-color: {BRAND_DARK}; font-weight: 600; }}
#kiosk QPushButton:disabled {{ background: #f4f4f4; color: {DISABLED_INK}; border-color: #d0d0d0; }}
#kiosk QPushButton#kioskChoice {{ font-size: 22px; min-height: 150px; min-width: 150px; padding: 4px; }}
#kiosk QLabel#kioskNumber {{ font-size: 40px; font-weight: 700; }}
#kiosk QLabel#kioskMeaning {{ font-size: 19px; }}
#kiosk QPushButton#kioskChoice:checked {{ background: {BRAND}; color: white; border: 4px solid {INK}; }}
#kiosk QPushButton#kioskQuiet {{ font-size: 14px; padding: 4px 10px; border: none; background: transparent;
                                color: {FAINT}; }}
#kiosk QProgressBar {{ border: 2px solid {INK}; border-radius: 5px; background: white; max-height: 16px; }}
#kiosk QProgressBar::chunk {{ background: {BRAND}; }}
"""

# The join code on the projector (and in the Score step's presenter view).
JOIN = f"""
#joinView {{ background: white; }}
#joinTitle {{ color: {JOIN_INK}; font-weight: 700; }}
#joinStep {{ color: {JOIN_INK}; }}
#joinNumber {{ color: white; background: {BRAND}; font-weight: 700; }}
#joinAddress {{ color: {BRAND}; font-weight: 700; font-family: {MONOSPACE}; }}
#joinPin {{ color: {JOIN_INK}; font-weight: 800; letter-spacing: 6px; }}
#joinCount {{ color: {JOIN_MUTED}; }}
#joinIdle {{ color: {JOIN_MUTED}; }}
"""

COLLECT_PANEL = ("#collectPin { font-size: 22px; font-weight: 700; letter-spacing: 3px; }"
                 "#collectAddress { font-weight: 600; } #collectCount { font-weight: 600; }"
                 "#collectProblem { color: #a61b1b; font-weight: 600; } #collectGuessing { color: #8a5a00; }")

PRESENTER = (f"#presenterWindow {{ background: white; }}"
             f"#presenterWindow QLabel#presenterStep {{ color: {MUTED}; font-size: 20px; }}")

# The Score step's presenter view: read from the back of the room.
SCORE_PRESENTER = (
    f"QLabel#scoreTitle {{ font-size: 40px; font-weight: 600; color: {BRAND}; }}"
    f"QLabel#scoreHint {{ font-size: 22px; color: {MUTED}; }}"
    f"QLabel#presenterDone {{ font-size: 64px; font-weight: 700; color: {INK}; }}"
    f"QProgressBar {{ border: 2px solid {INK}; border-radius: 6px; background: white; }}"
    f"QProgressBar::chunk {{ background: {BRAND}; }}"
)

# The Close step's document preview: a page on a grey desk.
PREVIEW_DESK = f"QScrollArea {{ background: {PAGE_GREY}; }}"
PREVIEW_EMPTY = "color: palette(mid); padding: 24px;"
PREVIEW_PAGE = "padding: 12px;"
OPTION_EXPLANATION = "color: palette(mid); margin-left: 22px;"


def white_area(selector: str) -> str:
    """A scrolled area that reads as paper (its viewport too)."""
    return f"{selector} {{ background: white; }}"


PRIVACY_NOTE = f"background: {WARNING_BACKGROUND}; border: 1px solid #c9a227; padding: 6px 10px;"
BOLD = "font-weight: 600;"
PLACEHOLDER = "color: palette(placeholder-text);"
WHITE_BACKGROUND = "background: white;"
