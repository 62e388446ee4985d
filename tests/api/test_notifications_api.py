"""``/notifications``: the bell's list and marking read, through the API."""

import pytest

from careergoals.notifications.models import Notification

LIST = "/api/v1/notifications"


@pytest.fixture
def make_notification():
    def make(recipient, subject="Bob commented", read=False):
        from django.utils import timezone

        return Notification.objects.create(
            recipient=recipient,
            to_email=recipient.email,
            kind="comment",
            subject=subject,
            body_text="…",
            preview="Zanzibar will love it",
            url="/goals/1/",
            read_at=timezone.now() if read else None,
        )

    return make


def test_own_notifications_newest_first_and_no_one_elses(
    api_client, ana, make_user, make_notification
):
    old = make_notification(ana, "Old")
    new = make_notification(ana, "New")
    make_notification(make_user(email="bob@example.org"), "Bob's")
    body = api_client.get(LIST).json()
    assert body["count"] == 2
    assert [item["id"] for item in body["items"]] == [new.pk, old.pk]
    item = body["items"][0]
    assert set(item) == {"id", "kind", "subject", "preview", "url", "created_at", "read_at"}


def test_unread_filter(api_client, ana, make_notification):
    unread = make_notification(ana)
    read = make_notification(ana, read=True)
    assert [i["id"] for i in api_client.get(LIST + "?unread=true").json()["items"]] == [unread.pk]
    assert [i["id"] for i in api_client.get(LIST + "?unread=false").json()["items"]] == [read.pk]


def test_pages(api_client, ana, make_notification):
    for n in range(3):
        make_notification(ana, f"N{n}")
    first = api_client.get(LIST + "?page_size=2").json()
    second = api_client.get(LIST + "?page_size=2&page=2").json()
    assert first["count"] == second["count"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    assert api_client.get(LIST + "?page_size=1000").status_code == 200  # at most 100


def test_the_list_costs_the_same_at_any_length(
    api_client, ana, make_notification, django_assert_num_queries
):
    make_notification(ana)
    api_client.get(LIST)  # the first request also writes when the token was last used
    with django_assert_num_queries(3):  # the token, the count, the page
        api_client.get(LIST)
    for n in range(40):
        make_notification(ana, f"N{n}")
    with django_assert_num_queries(3):
        api_client.get(LIST)


def test_mark_some_or_all_read(api_client, ana, make_notification):
    a, *_ = (make_notification(ana) for _ in range(3))
    assert api_client.post(LIST + "/read", {"ids": [a.pk]}).json() == {"marked": 1}
    assert api_client.post(LIST + "/read", {"ids": [a.pk]}).json() == {"marked": 0}
    assert api_client.post(LIST + "/read", {}).json() == {"marked": 2}
    assert not Notification.objects.filter(recipient=ana, read_at__isnull=True).exists()


def test_a_read_token_cannot_mark_read(api_for, ana, make_notification):
    make_notification(ana)
    assert api_for(ana, scope="read").post(LIST + "/read", {}).status_code == 403
    assert Notification.objects.filter(read_at__isnull=True).count() == 1
