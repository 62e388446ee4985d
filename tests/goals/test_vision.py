"""The vision page: dated answers, history kept, skip, and the path to a first goal."""

import pytest
from django.urls import reverse

from goals import services
from goals.models import VisionAnswer

pytestmark = pytest.mark.django_db


def test_answers_are_saved_and_earlier_ones_kept(client, ana):
    client.force_login(ana)
    client.post(reverse("goals:vision"), {"success": "Leading a kind team", "admire": ""})
    client.post(reverse("goals:vision"), {"success": "Building my own studio", "admire": "Grace"})
    texts = list(
        VisionAnswer.objects.filter(owner=ana, prompt="success").values_list("text", flat=True)
    )
    assert texts == ["Building my own studio", "Leading a kind team"]
    html = client.get(reverse("goals:vision")).content.decode()
    assert "Building my own studio</textarea>" in html
    assert "Earlier answers (1)" in html
    assert "Leading a kind team" in html
    ana.refresh_from_db()
    assert ana.welcomed_at is not None


def test_save_and_write_a_goal(client, ana):
    client.force_login(ana)
    response = client.post(reverse("goals:vision"), {"success": "Freedom", "next": "goal"})
    assert response.url == reverse("goals:goal_create")
    form = client.get(reverse("goals:goal_create")).content.decode()
    assert "Freedom" in form  # the answer can be linked to the goal


def test_too_long_answer_is_refused_and_kept(client, ana):
    client.force_login(ana)
    response = client.post(reverse("goals:vision"), {"success": "y" * 5000, "money": "kept"})
    assert response.status_code == 200
    assert "up to 4,000 characters" in response.content.decode()
    assert "kept</textarea>" in response.content.decode()
    assert not VisionAnswer.objects.exists()


def test_answers_are_private_and_escaped(client, ana, bob):
    services.vision_answer_save(owner=bob, prompt="success", text="<b>Bob's</b> dream")
    client.force_login(ana)
    assert "dream" not in client.get(reverse("goals:vision")).content.decode()
    client.force_login(bob)
    assert "&lt;b&gt;Bob" in client.get(reverse("goals:vision")).content.decode()


def test_linked_goals_show_beside_their_answer(client, ana, make_goal):
    answer = services.vision_answer_save(owner=ana, prompt="ultimate_job", text="CTO")
    make_goal(ana, statement="Lead the platform team of eight", vision_answer=answer)
    client.force_login(ana)
    assert "Lead the platform team of eight" in client.get(reverse("goals:vision")).content.decode()


def test_the_page_is_saved_all_or_nothing(ana):
    """vision_save is one transaction: an answer the database refuses takes the others
    (and the welcome) back with it, so the page is never half saved."""
    from django.db import DataError

    answers = {"success": "Leading a kind team", "x" * 30: "a prompt too long to store"}
    with pytest.raises(DataError):
        services.vision_save(owner=ana, answers=answers)
    assert not VisionAnswer.objects.filter(owner=ana).exists()
    ana.refresh_from_db()
    assert ana.welcomed_at is None


def test_saving_the_page_again_unchanged_adds_nothing(ana):
    first = services.vision_save(owner=ana, answers={"success": "Freedom", "admire": ""})
    again = services.vision_save(owner=ana, answers={"success": "Freedom", "admire": ""})
    assert [answer.text for answer in first] == ["Freedom"]
    assert again == []
