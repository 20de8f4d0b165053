"""Storage: the only place that knows the database engine (db, models, migrations, backup, lock)."""
