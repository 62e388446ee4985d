"""The buddies page costs the same number of queries with one buddy or five, invitations both
ways and a record kept after a buddy left."""

import pytest
from django.urls import reverse

from accountability import services

pytestmark = pytest.mark.django_db

# session, user, partnerships (current and kept), pending invitations (sent and received),
# unread notifications
BUDDIES_PAGE_QUERIES = 4  # the session comes from Redis


@pytest.mark.parametrize("size", [1, 4])
def test_buddies_page_queries_do_not_grow(client, ana, make_user, size, django_assert_num_queries):
    for n in range(size):
        services.partnership_create(a=ana, b=make_user(email=f"buddy{n}@example.org"))
        services.invitation_create(inviter=ana, email=f"waiting{n}@example.org")
        inviter = make_user(email=f"inviter{n}@example.org", display_name=f"Inviter {n}")
        services.invitation_create(inviter=inviter, email=ana.email, message="Join me")
    leaver = make_user(email="leaver@example.org")
    services.partnership_create(a=ana, b=leaver)
    leaver.delete()  # ana keeps the record
    client.force_login(ana)
    with django_assert_num_queries(BUDDIES_PAGE_QUERIES):
        page = client.get(reverse("buddies:buddies")).content.decode()
    assert page.count("Buddies since") == size
    assert page.count("invited you to be their accountability buddy") == size
    assert page.count("Withdraw<span") == size
    assert "A former buddy" in page
