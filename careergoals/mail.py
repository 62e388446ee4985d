"""Email for the embedded default: each message is a readable file under var/mail/."""

import sys

from django.core.mail.backends.filebased import EmailBackend


class FolderEmailBackend(EmailBackend):
    """Write every message to its own file and say where, so a newcomer can open it."""

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            self._fname = None
            sent += super().send_messages([message])
            self.close()
            print(
                f"Email to {', '.join(message.to)} ({message.subject!r}) saved in {self._fname}",
                file=sys.stderr,
                flush=True,
            )
        return sent

    def _get_filename(self):
        if self._fname is None:
            self._fname = super()._get_filename().replace(".log", ".eml")
        return self._fname
