"""The engine branch's Alembic revisions (``engine_NNNN``); Alembic loads them by path."""
