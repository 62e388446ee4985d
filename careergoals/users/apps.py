from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "careergoals.users"
    label = "users"
    verbose_name = "People"
