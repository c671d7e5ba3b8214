"""The store: database engine and migrations, the engine's tables, articles and the search index."""
