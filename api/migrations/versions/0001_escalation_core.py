"""Escalation core: queues, staff, tickets, messages, audit log, outages.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.models.base

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "queue",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=8), nullable=False),
        sa.Column("name_sv", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("sla_first_response_hours", sa.Integer(), nullable=False),
        sa.Column("sla_resolution_hours", sa.Integer(), nullable=False),
        sa.Column("opening_hours", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue")),
        sa.UniqueConstraint("prefix", name=op.f("uq_queue_prefix")),
    )

    op.create_table(
        "staff_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "agent",
                "admin",
                name="staffrole",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", api.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_user")),
        sa.UniqueConstraint("email", name=op.f("uq_staff_user_email")),
    )

    op.create_table(
        "staff_queue",
        sa.Column("staff_user_id", sa.Integer(), nullable=False),
        sa.Column("queue_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["queue_id"],
            ["queue.id"],
            name=op.f("fk_staff_queue_queue_id_queue"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_user_id"],
            ["staff_user.id"],
            name=op.f("fk_staff_queue_staff_user_id_staff_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("staff_user_id", "queue_id", name=op.f("pk_staff_queue")),
    )

    op.create_table(
        "reference_sequence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.String(length=8), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_sequence")),
        sa.UniqueConstraint("prefix", "year", name=op.f("uq_reference_sequence_prefix")),
    )

    op.create_table(
        "ticket",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=32), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=True),
        sa.Column("queue_id", sa.String(length=64), nullable=False),
        sa.Column("topic", sa.String(length=100), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "chat",
                "speech",
                "api",
                name="channel",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "new",
                "open",
                "pending",
                "resolved",
                "closed",
                name="ticketstatus",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column(
            "priority",
            sa.Enum(
                "low",
                "normal",
                "high",
                name="priority",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("session_id", sa.String(length=64), nullable=True),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("contact_email", sa.String(length=320), nullable=True),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("first_response_due", api.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("resolution_due", api.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("first_response_at", api.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", api.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", api.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["staff_user.id"], name=op.f("fk_ticket_assignee_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["queue_id"], ["queue.id"], name=op.f("fk_ticket_queue_id_queue")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_ticket_idempotency_key")),
        sa.UniqueConstraint("reference", name=op.f("uq_ticket_reference")),
    )
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ticket_assignee_id"), ["assignee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ticket_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_ticket_queue_id"), ["queue_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ticket_session_id"), ["session_id"], unique=False)

    op.create_table(
        "message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "user",
                "bot",
                "staff",
                name="messagerole",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("internal", sa.Boolean(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", api.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", api.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("emailed_at", api.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"], ["staff_user.id"], name=op.f("fk_message_author_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["ticket.id"],
            name=op.f("fk_message_ticket_id_ticket"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message")),
    )
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_message_ticket_id"), ["ticket_id"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("staff_user_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("created_at", api.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_user_id"], ["staff_user.id"], name=op.f("fk_audit_log_staff_user_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_audit_log_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_ticket_id"), ["ticket_id"], unique=False)

    op.create_table(
        "outage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("system", sa.String(length=200), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("started_at", api.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expected_end", api.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("closed_at", api.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_user.id"], name=op.f("fk_outage_created_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outage")),
    )
    with op.batch_alter_table("outage", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outage_active"), ["active"], unique=False)
    _make_audit_log_append_only()


def downgrade() -> None:
    _drop_audit_log_guard()
    op.drop_index("ix_outage_active", table_name="outage")
    op.drop_table("outage")
    op.drop_index("ix_audit_log_ticket_id", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_index("ix_message_ticket_id", table_name="message")
    op.drop_table("message")
    op.drop_index("ix_ticket_assignee_id", table_name="ticket")
    op.drop_index("ix_ticket_created_at", table_name="ticket")
    op.drop_index("ix_ticket_queue_id", table_name="ticket")
    op.drop_index("ix_ticket_session_id", table_name="ticket")
    op.drop_table("ticket")
    op.drop_table("reference_sequence")
    op.drop_table("staff_queue")
    op.drop_table("staff_user")
    op.drop_table("queue")


def _make_audit_log_append_only() -> None:
    """The database itself refuses UPDATE and DELETE on audit_log."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$"
    )
    op.execute(
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()"
    )


def _drop_audit_log_guard() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
        return
    op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
    op.execute("DROP FUNCTION IF EXISTS audit_log_refuse_change()")
