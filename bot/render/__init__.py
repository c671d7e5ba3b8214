"""Rendering: a neutral document, then Telegram HTML, Slack blocks or plain text."""
