"""Alembic environment: always run on the engine handed over by workshop.storage.db."""

from alembic import context

from workshop.storage.models import Base

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        transaction_per_migration=False,
        # SQLite's DDL is transactional once BEGIN is ours (workshop.storage.db); without this
        # Alembic assumes it is not and commits after each revision, so an upgrade across
        # several revisions that fails half-way would not roll back whole.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
