"""Conversation log for statistics; local demo directory, one-time codes, SMS outbox.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.models.base

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conversation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("started_at", api.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_turn_at", api.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("turn_count", sa.Integer(), nullable=False),
        sa.Column("handed_off_at", api.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ticket_created", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation")),
        sa.UniqueConstraint("session_id", name=op.f("uq_conversation_session_id")),
    )
    with op.batch_alter_table("conversation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_conversation_started_at"), ["started_at"], unique=False
        )

    op.create_table(
        "conversation_turn",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=100), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("is_fallback", sa.Boolean(), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("created_at", api.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_conversation_turn_conversation_id_conversation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_turn")),
    )
    with op.batch_alter_table("conversation_turn", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_conversation_turn_conversation_id"), ["conversation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_conversation_turn_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_conversation_turn_topic"), ["topic"], unique=False)

    op.create_table(
        "employee",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("account_locked", sa.Boolean(), nullable=False),
        sa.Column("password_reset_at", api.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employee")),
    )

    op.create_table(
        "verification",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("employee_id", sa.String(length=32), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", api.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", api.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", api.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("used_at", api.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employee.id"], name=op.f("fk_verification_employee_id_employee")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verification")),
    )
    with op.batch_alter_table("verification", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_verification_employee_id"), ["employee_id"], unique=False
        )

    op.create_table(
        "sms_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("to_phone", sa.String(length=32), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", api.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sms_outbox")),
    )


def downgrade() -> None:
    op.drop_table("sms_outbox")
    op.drop_index("ix_verification_employee_id", table_name="verification")
    op.drop_table("verification")
    op.drop_table("employee")
    op.drop_index("ix_conversation_turn_conversation_id", table_name="conversation_turn")
    op.drop_index("ix_conversation_turn_created_at", table_name="conversation_turn")
    op.drop_index("ix_conversation_turn_topic", table_name="conversation_turn")
    op.drop_table("conversation_turn")
    op.drop_index("ix_conversation_started_at", table_name="conversation")
    op.drop_table("conversation")
