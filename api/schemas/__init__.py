"""Pydantic schemas at the HTTP edge."""
