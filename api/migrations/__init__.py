"""Alembic migrations for the API database."""
