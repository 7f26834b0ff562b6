"""Background tasks of the meet-ups. E-mail is sent by movement.outbox.send_outgoing_email.

`send_signup_email` stays for tasks that were enqueued before the outbox moved to movement/
(events migration 0005 copied every row with its id): a worker that picks one up sends it."""

from django_tasks import task

from movement.outbox import deliver


@task()
def send_signup_email(email_id):
    return deliver(email_id)
