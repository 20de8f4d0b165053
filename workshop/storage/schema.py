"""The whole schema in one MetaData, for Alembic and the tests.

The tables are mapped in several modules (see ``models``) so that start-up maps only
what the window needs; whatever compares the schema with the migrations needs them all.
"""

from __future__ import annotations

import importlib

from sqlalchemy import MetaData

# Every module that maps tables; a test checks that together they hold every migrated table.
MODEL_MODULES = (
    "workshop.storage.models",
    "workshop.storage.branding_models",
    "workshop.storage.phone_models",
    "workshop.storage.firm_models",
)


def full_metadata() -> MetaData:
    """``Base.metadata`` with every table of every model module in it."""
    for name in MODEL_MODULES:
        importlib.import_module(name)
    from workshop.storage.models import Base

    return Base.metadata
