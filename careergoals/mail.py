"""Email for the embedded default: each message is a readable file under var/mail/."""

import logging

from django.core.mail.backends.filebased import EmailBackend

log = logging.getLogger(__name__)


class FolderEmailBackend(EmailBackend):
    """Write every message to its own file and say where, so a newcomer can open it.

    The line is news, not a problem: it is logged at INFO (a ``print`` in the Celery worker
    would come out as a WARNING, since the worker logs whatever its tasks print).
    """

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            self._fname = None
            sent += super().send_messages([message])
            self.close()
            log.info(
                "Email to %s (%r) saved in %s", ", ".join(message.to), message.subject, self._fname
            )
        return sent

    def _get_filename(self):
        if self._fname is None:
            self._fname = super()._get_filename().replace(".log", ".eml")
        return self._fname
