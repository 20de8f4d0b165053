"""The charts of a workshop's results, drawn once for the screen and the printed reports.

One function per chart, each taking a ``workshop.results.WorkshopResults`` and a language
and returning a ``matplotlib.figure.Figure`` built without pyplot (safe in a worker
thread). Every chart reads in grey print: series differ by marker, lightness and label.
Breakdowns for a function below the workshop's minimum group size never appear.
"""

from workshop.charts.distribution import totals_distribution
from workshop.charts.gaps import statement_gaps
from workshop.charts.gauge import stage_gauge
from workshop.charts.themes import theme_profile

__all__ = ["stage_gauge", "statement_gaps", "theme_profile", "totals_distribution"]
