"""The chat side's Alembic revisions: the ``chat`` and ``delivery`` branches (``chat_NNNN``,
``delivery_NNNN``). Alembic loads them by path, beside the engine's branch."""
