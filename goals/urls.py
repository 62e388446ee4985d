from django.urls import path

from .views import (
    celebration,
    dashboard,
    examples,
    export,
    goal,
    micro_goal,
    progress,
    roadmap,
    vision,
)

app_name = "goals"

urlpatterns = [
    path("home/", dashboard.home, name="home"),
    path("vision/", vision.vision, name="vision"),
    path("vision/skip/", vision.vision_skip, name="vision_skip"),
    # Goals
    path("goals/new/", goal.goal_create, name="goal_create"),
    path("goals/smart-check/", goal.smart_check, name="goal_smart_check"),
    path("goals/<int:pk>/", goal.goal_detail, name="goal_detail"),
    path("goals/<int:pk>/edit/", goal.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/status/", goal.goal_status, name="goal_status"),
    path("goals/<int:pk>/delete/", goal.goal_delete, name="goal_delete"),
    path("goals/<int:pk>/history/", goal.goal_history, name="goal_history"),
    # Goal examples: start from one, share one's own with one's buddies
    path("goals/examples/", examples.example_list, name="example_list"),
    path("goals/examples/<int:pk>/start/", examples.example_use, name="example_use"),
    path("goals/examples/<int:pk>/remove/", examples.example_remove, name="example_remove"),
    path("goals/<int:pk>/share-as-example/", examples.goal_save_example, name="goal_save_example"),
    # Micro-goals (steps)
    path("goals/<int:pk>/steps/", micro_goal.micro_goal_create, name="micro_goal_create"),
    path("steps/<int:pk>/", micro_goal.micro_goal_row, name="micro_goal_row"),
    path("steps/<int:pk>/edit/", micro_goal.micro_goal_edit, name="micro_goal_edit"),
    path("steps/<int:pk>/status/", micro_goal.micro_goal_status, name="micro_goal_status"),
    path("steps/<int:pk>/move/", micro_goal.micro_goal_move, name="micro_goal_move"),
    path("steps/<int:pk>/delete/", micro_goal.micro_goal_delete, name="micro_goal_delete"),
    # Progress
    path("goals/<int:pk>/check-ins/", progress.check_in_create, name="check_in_create"),
    path("check-ins/<int:pk>/delete/", progress.check_in_delete, name="check_in_delete"),
    path("roadmap/", roadmap.roadmap, name="roadmap"),
    # Celebrate and reflect
    path("goals/<int:pk>/celebrate/", celebration.celebrate, name="goal_celebrate"),
    path(
        "goals/<int:pk>/celebrate/steps/",
        celebration.close_micro_goals,
        name="goal_close_micro_goals",
    ),
    path("goals/<int:pk>/reflect/", celebration.reflect, name="goal_reflect"),
    path("journal/", celebration.journal, name="journal"),
    # Your data
    path("accounts/export/data.json", export.export_json, name="export_json"),
    path("accounts/export/goals.csv", export.export_csv, name="export_csv"),
]
