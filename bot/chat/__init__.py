"""The chat side's logic: the router, commands, permissions and conversations."""
