"""Printed results: the facilitator report, participant handouts and paper questionnaires.

``make_report(db, workshop_id, kind, out, ...)`` writes one PDF; see ``build.py``.
Reportlab and matplotlib are imported only when a report is made.
"""

from workshop.report.build import KINDS, PAPERS, ReportCancelled, make_report

__all__ = ["KINDS", "PAPERS", "ReportCancelled", "make_report"]
