"""Collection: the hardened fetcher, feeds, pages, folders, OPML and the collection pass."""
