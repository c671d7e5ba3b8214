"""Delivery: the outbox, rate limits, fan-out, schedules and the scheduler."""
