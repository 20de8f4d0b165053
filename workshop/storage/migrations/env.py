"""Alembic environment: always run on the engine handed over by workshop.storage.db."""

from alembic import context

from workshop.storage.schema import full_metadata

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=full_metadata(),
        render_as_batch=True,
        transaction_per_migration=False,
        # SQLite's DDL is transactional here (db.py takes over BEGIN); without this Alembic
        # commits after every revision, and a failed later one would leave a half upgrade.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
