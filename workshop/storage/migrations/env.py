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
        # Alembic assumes SQLite cannot roll DDL back and then commits each revision on its
        # own; our connections can (workshop.storage.db), so an upgrade over several revisions
        # is one transaction: all of it lands, or none.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
