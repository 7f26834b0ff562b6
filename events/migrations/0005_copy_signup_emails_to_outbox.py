"""The outbox moved to movement (movement.OutgoingEmail): copy every events.SignUpEmail row,
with its id, so nothing is lost and tasks enqueued before the move still find their row.
Unsent rows are rendered now with the current templates; a row that cannot be rendered is
copied as failed with the reason, so it shows on the dashboard."""

import base64
import logging

from django.core.management.color import no_style
from django.db import migrations

logger = logging.getLogger(__name__)


def copy_rows(apps, schema_editor):
    from events.emails import compose  # the real templates and page models, once
    from events.models import SignUp

    SignUpEmail = apps.get_model("events", "SignUpEmail")
    OutgoingEmail = apps.get_model("movement", "OutgoingEmail")
    ContentType = apps.get_model("contenttypes", "ContentType")
    rows = list(SignUpEmail.objects.select_related("signup").order_by("pk"))
    if not rows:
        return
    signup_type, _ = ContentType.objects.get_or_create(app_label="events", model="signup")
    copies = []
    for row in rows:
        copy = OutgoingEmail(
            pk=row.pk,
            to=row.signup.email,
            subject="",
            body="",
            kind=row.kind,
            content_type=signup_type,
            object_id=str(row.signup_id),
            created_at=row.created_at,
            sent_at=row.sent_at,
            attempts=row.attempts,
            last_error=row.last_error,
            status="sent" if row.sent_at else "pending",
        )
        if row.signup.status == "cancelled" and not row.sent_at:
            copy.status = "cancelled"
        elif not row.sent_at:
            try:
                mail = compose(SignUp.objects.get(pk=row.signup_id), row.kind)
            except Exception as error:  # noqa: BLE001 - keep the row, show why on the dashboard
                logger.exception("Could not render e-mail %s while copying it", row.pk)
                copy.status = "failed"
                copy.last_error = f"not rendered during migration: {error}"[:300]
            else:
                copy.subject = mail["subject"][:255]
                copy.body = mail["body"]
                copy.headers = mail["headers"]
                copy.attachments = [
                    {
                        "filename": name,
                        "content": base64.b64encode(
                            content.encode() if isinstance(content, str) else content
                        ).decode("ascii"),
                        "mimetype": mimetype,
                    }
                    for name, content, mimetype in mail["attachments"]
                ]
        copies.append(copy)
    OutgoingEmail.objects.bulk_create(copies)
    # Explicit ids: move the id sequence past them (PostgreSQL; SQLite needs nothing).
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [OutgoingEmail]):
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_meetup_organisers_group"),
        ("movement", "0004_outgoing_email"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_rows, migrations.RunPython.noop)]
