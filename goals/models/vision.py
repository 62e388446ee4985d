from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class VisionPrompt(models.TextChoices):
    """The aspirational questions, in the order the vision page asks them."""

    SUCCESS = "success", _("What does a successful career mean to you?")
    MONEY = (
        "money",
        _("If money were no concern at all, what would you spend your working days on?"),
    )
    COMPANY = "company", _("If you ran the company you work for, what would you change first?")
    PERCEPTION = (
        "perception",
        _("How would you like colleagues, friends and family to see your career?"),
    )
    ULTIMATE_JOB = "ultimate_job", _("With no obstacles in the way, what is your ultimate job?")
    ADMIRE = "admire", _("Whose career do you admire, and what is it about them?")


class VisionAnswer(models.Model):
    """One dated answer to a prompt. Editing adds a new row, so earlier answers stay as history."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vision_answers"
    )
    prompt = models.CharField(max_length=20, choices=VisionPrompt.choices)
    text = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "prompt", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_prompt_display()} ({self.created_at:%Y-%m-%d})"
