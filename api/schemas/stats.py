"""Statistics body for `GET /api/v1/stats`."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel


class TopicCount(BaseModel):
    topic: str
    count: int


class SlaBreaches(BaseModel):
    first_response: int
    resolution: int


class StatsOut(BaseModel):
    from_date: date
    to_date: date
    conversations: int
    turns: int
    tickets: int
    automation_rate: float | None
    handoff_rate: float | None
    fallback_rate: float | None
    top_topics: list[TopicCount]  # the ten most frequent product topics
    topic_counts: list[TopicCount]  # every product topic of the range, most frequent first
    median_first_response_minutes: float | None
    sla_breaches: SlaBreaches
