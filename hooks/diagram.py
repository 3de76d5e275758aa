"""Stub: filled in by its issue."""
