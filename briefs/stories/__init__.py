"""Stories: duplicates and clusters of reports of one event."""
