"""Ingång API: the single entry point for people and the escalation backend."""
