import datetime

import pytest
import time_machine
from django.urls import reverse

from goals import services
from goals.models import Celebration
from goals.rewards import LARGE, MEDIUM, SMALL, suggest_rewards
from tests.conftest import PASSWORD

JOURNAL_QUERIES = 3  # user, unread count, celebrations with goals and step counts (session: Redis)

REFLECTION = {
    "hard": "Saying no to side projects.",
    "easy": "Weekly planning on Mondays.",
    "helped": "Mia, my buddy.",
    "differently": "Ask for feedback earlier.",
}
EMPTY_REFLECTION = dict.fromkeys(REFLECTION, "")


@pytest.fixture
def achieved(goal):
    services.goal_achieve(goal=goal)
    return goal


def sign_in(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


def celebrate_url(goal):
    return reverse("goals:goal_celebrate", args=[goal.pk])


def reflect_url(goal):
    return reverse("goals:goal_reflect", args=[goal.pk])


def add_steps(goal, count, done=0):
    for number in range(count):
        step = services.micro_goal_create(goal=goal, title=f"Step {number + 1}")
        if number < done:
            services.micro_goal_set_status(micro_goal=step, status="done")


# --- Who may see it ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["goals:goal_celebrate", "goals:goal_reflect"])
def test_owner_sees_the_page(client, ana, achieved, name):
    response = sign_in(client, ana).get(reverse(name, args=[achieved.pk]))
    assert response.status_code == 200
    assert achieved.statement in response.text


@pytest.mark.parametrize("name", ["goals:goal_celebrate", "goals:goal_reflect"])
def test_stranger_gets_404(client, bob, achieved, name):
    response = sign_in(client, bob).get(reverse(name, args=[achieved.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["goals:goal_celebrate", "goals:goal_reflect"])
def test_stranger_cannot_write(client, bob, achieved, name):
    data = {"reward": "Mine now"} | REFLECTION
    response = sign_in(client, bob).post(reverse(name, args=[achieved.pk]), data)
    assert response.status_code == 404
    celebration = Celebration.objects.get(goal=achieved)
    assert celebration.reward == ""
    assert not celebration.has_reflection


@pytest.mark.parametrize("url", ["goals:goal_celebrate", "goals:goal_reflect", "goals:journal"])
def test_anonymous_is_sent_to_sign_in(client, achieved, url):
    args = [] if url == "goals:journal" else [achieved.pk]
    response = client.get(reverse(url, args=args))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ["goals:goal_celebrate", "goals:goal_reflect"])
def test_goal_not_achieved_is_404(client, ana, goal, name):
    response = sign_in(client, ana).get(reverse(name, args=[goal.pk]))
    assert response.status_code == 404


def test_reopened_goal_is_no_longer_celebrated(client, ana, achieved):
    services.goal_reopen(goal=achieved)
    assert sign_in(client, ana).get(celebrate_url(achieved)).status_code == 404
    assert achieved.statement not in client.get(reverse("goals:journal")).text


# --- Celebrate -------------------------------------------------------------------------


def test_celebration_shows_steps_and_suggestions(client, ana, goal):
    add_steps(goal, 3, done=2)
    services.goal_achieve(goal=goal)
    response = sign_in(client, ana).get(celebrate_url(goal))
    assert "2 steps done · 1 left open" in response.text  # reached: not "2 of 3"
    assert "less than a day" in response.text
    for idea in suggest_rewards(horizon_years=1, step_count=3):
        assert f'value="{idea}"' in response.text


def test_celebration_says_how_long_it_took(client, ana, make_goal):
    with time_machine.travel(datetime.datetime(2025, 1, 10, 9, tzinfo=datetime.UTC)):
        goal = make_goal(ana, target_date=datetime.date(2025, 6, 30))  # within its 1-year horizon
    with time_machine.travel(datetime.datetime(2025, 4, 12, 9, tzinfo=datetime.UTC)):
        services.goal_achieve(goal=goal)
    response = sign_in(client, ana).get(celebrate_url(goal))
    assert "3\xa0months" in response.text


def test_reward_is_saved_and_leads_to_reflection(client, ana, achieved):
    response = sign_in(client, ana).post(
        celebrate_url(achieved), {"reward": "  A day at the lake "}
    )
    assert response.status_code == 302
    assert response.url == reflect_url(achieved)
    assert Celebration.objects.get(goal=achieved).reward == "A day at the lake"


def test_reward_can_be_changed_and_is_shown(client, ana, achieved):
    sign_in(client, ana).post(celebrate_url(achieved), {"reward": SMALL[0]})
    client.post(celebrate_url(achieved), {"reward": "Concert tickets"})
    response = client.get(celebrate_url(achieved))
    assert Celebration.objects.get(goal=achieved).reward == "Concert tickets"
    assert "Your reward so far" in response.text
    assert 'value="Concert tickets"' in response.text


@pytest.mark.parametrize(
    ("reward", "error"),
    [
        ("", "Pick one of the ideas above or write your own reward."),
        ("   ", "Pick one of the ideas above or write your own reward."),
        ("x" * 301, "up to 300 characters"),
    ],
)
def test_bad_reward_is_refused_and_kept(client, ana, achieved, reward, error):
    response = sign_in(client, ana).post(celebrate_url(achieved), {"reward": reward})
    assert response.status_code == 200
    assert error in response.text
    assert reward.strip() in response.text
    assert Celebration.objects.get(goal=achieved).reward == ""


def test_reward_with_html_is_shown_escaped(client, ana, achieved):
    sign_in(client, ana).post(celebrate_url(achieved), {"reward": "<b>cake</b>"})
    for url in (celebrate_url(achieved), reflect_url(achieved), reverse("goals:journal")):
        text = client.get(url).text
        assert "&lt;b&gt;cake&lt;/b&gt;" in text
        assert "<b>cake</b>" not in text


# --- Reward suggestions ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("horizon", "steps", "expected"),
    [
        (1, 0, SMALL),
        (1, 2, SMALL),
        (1, 5, SMALL),
        (1, 12, MEDIUM),
        (1, 25, MEDIUM),
        (5, 0, MEDIUM),
        (5, 10, LARGE),
        (10, 0, LARGE),
        (10, 25, LARGE),
    ],
)
def test_suggestions_are_sized_to_the_goal(horizon, steps, expected):
    ideas = suggest_rewards(horizon_years=horizon, step_count=steps)
    assert ideas == list(expected)
    assert 3 <= len(ideas) <= 5
    assert ideas == suggest_rewards(horizon_years=horizon, step_count=steps)


def test_a_small_goal_and_a_big_goal_get_different_ideas():
    small = suggest_rewards(horizon_years=1, step_count=2)
    big = suggest_rewards(horizon_years=10, step_count=25)
    assert set(small).isdisjoint(big)


# --- Reflect ---------------------------------------------------------------------------


def test_reflection_is_saved_and_offers_the_next_goal(client, ana, achieved):
    response = sign_in(client, ana).post(reflect_url(achieved), REFLECTION, follow=True)
    celebration = Celebration.objects.get(goal=achieved)
    assert {name: getattr(celebration, name) for name in REFLECTION} == REFLECTION
    assert celebration.reflected_at is not None
    assert response.redirect_chain[-1][0].startswith(reverse("goals:journal"))
    assert "Your reflection is saved" in response.text
    next_goal = f"{reverse('goals:goal_create')}?from_reflection={achieved.pk}"
    assert f'href="{next_goal}"' in response.text
    assert "What comes next?" in response.text


def test_one_answer_is_enough(client, ana, achieved):
    data = EMPTY_REFLECTION | {"helped": "My manager"}
    response = sign_in(client, ana).post(reflect_url(achieved), data)
    assert response.status_code == 302
    assert Celebration.objects.get(goal=achieved).helped == "My manager"


def test_reflection_form_shows_what_was_written(client, ana, achieved):
    sign_in(client, ana).post(reflect_url(achieved), REFLECTION)
    response = client.get(reflect_url(achieved))
    for answer in REFLECTION.values():
        assert answer in response.text


@pytest.mark.parametrize("blank", ["", "   \n  "])
def test_empty_reflection_is_refused(client, ana, achieved, blank):
    data = dict.fromkeys(REFLECTION, blank)
    response = sign_in(client, ana).post(reflect_url(achieved), data)
    assert response.status_code == 200
    assert "Write a line or two in at least one of the boxes" in response.text
    assert not Celebration.objects.get(goal=achieved).has_reflection


def test_10_kb_answer_is_refused_and_input_kept(client, ana, achieved):
    long_text = "Deadlines kept slipping; " * 409 + "the end"  # 10,232 characters
    data = EMPTY_REFLECTION | {"hard": long_text, "easy": "Mornings were easy."}
    response = sign_in(client, ana).post(reflect_url(achieved), data)
    assert response.status_code == 200
    assert "up to 4,000 characters" in response.text
    assert "(this has 10232)" in response.text
    assert long_text in response.text
    assert "Mornings were easy." in response.text
    assert not Celebration.objects.get(goal=achieved).has_reflection


def test_reflection_fields_have_labels_and_no_cutting_maxlength(client, ana, achieved):
    text = sign_in(client, ana).get(reflect_url(achieved)).text
    for name in REFLECTION:
        assert f'for="id_{name}"' in text
    assert "maxlength" not in text


# --- Journal ---------------------------------------------------------------------------


def test_script_is_shown_escaped_on_the_journal(client, ana, make_goal):
    goal = make_goal(ana, statement="<script>alert('goal')</script> Speak at a meetup")
    services.goal_achieve(goal=goal)
    data = EMPTY_REFLECTION | {"hard": "<script>alert('hard')</script>\nStage fright"}
    sign_in(client, ana).post(reflect_url(goal), data)
    text = client.get(reverse("goals:journal")).text
    assert "<script>alert(" not in text
    assert "&lt;script&gt;alert(&#x27;goal&#x27;)&lt;/script&gt; Speak at a meetup" in text
    assert "&lt;script&gt;alert(&#x27;hard&#x27;)&lt;/script&gt;<br>Stage fright" in text


def test_journal_is_newest_first(client, ana, make_goal):
    for day, statement in [(3, "Middle"), (1, "Oldest"), (5, "Newest")]:
        goal = make_goal(ana, statement=f"{statement} goal")
        with time_machine.travel(datetime.datetime(2025, 6, day, 12, tzinfo=datetime.UTC)):
            services.goal_achieve(goal=goal)
    text = sign_in(client, ana).get(reverse("goals:journal")).text
    positions = [text.index(f"{name} goal") for name in ("Newest", "Middle", "Oldest")]
    assert positions == sorted(positions)


def test_journal_lists_only_own_achieved_goals(client, ana, bob, make_goal, achieved):
    make_goal(ana, statement="Still working on this one")
    services.goal_achieve(goal=make_goal(bob, statement="Bob wins his own race"))
    text = sign_in(client, ana).get(reverse("goals:journal")).text
    assert achieved.statement in text
    assert "Still working on this one" not in text
    assert "Bob wins his own race" not in text


@pytest.mark.parametrize("count", [1, 20])
def test_journal_costs_the_same_at_any_size(
    client, ana, make_goal, django_assert_num_queries, count
):
    for number in range(count):
        goal = make_goal(ana, statement=f"Goal number {number}")
        add_steps(goal, 2, done=1)
        services.goal_achieve(goal=goal)
        services.celebration_reflect(
            celebration=goal.celebration, **EMPTY_REFLECTION | {"hard": "Time"}
        )
    sign_in(client, ana)
    with django_assert_num_queries(JOURNAL_QUERIES):
        response = client.get(reverse("goals:journal"))
    assert response.text.count("Set your next goal") == count
    assert response.text.count("1 step done · 1 left open") == count  # reached, not "1 of 2"


def test_journal_offers_next_goal_and_reflection(client, ana, make_goal):
    reflected = make_goal(ana, statement="Reflected goal")
    services.goal_achieve(goal=reflected)
    sign_in(client, ana).post(reflect_url(reflected), REFLECTION)
    not_yet = make_goal(ana, statement="Not reflected yet")
    services.goal_achieve(goal=not_yet)
    text = client.get(reverse("goals:journal")).text
    assert f"{reverse('goals:goal_create')}?from_reflection={reflected.pk}" in text
    assert f"from_reflection={not_yet.pk}" not in text
    assert f'href="{reflect_url(not_yet)}"' in text
    assert "What comes next?" not in text  # only right after saving a reflection


def test_journal_empty_state(client, ana):
    response = sign_in(client, ana).get(reverse("goals:journal"))
    assert response.status_code == 200
    assert "Your first entry is still ahead" in response.text
    assert f'href="{reverse("goals:goal_create")}"' in response.text


def test_journal_ignores_a_next_goal_offer_for_someone_else(client, ana, bob, make_goal):
    theirs = make_goal(bob, statement="Bob reflects on his race")
    services.goal_achieve(goal=theirs)
    services.celebration_reflect(celebration=theirs.celebration, **REFLECTION)
    text = sign_in(client, ana).get(f"{reverse('goals:journal')}?reflected={theirs.pk}").text
    assert "What comes next?" not in text
    assert "Bob reflects on his race" not in text
