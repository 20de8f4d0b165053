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
        # Alembic takes SQLite's DDL as not transactional and would commit after every revision;
        # the engine's non-legacy transactions do hold DDL, so an upgrade rolls back whole.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
