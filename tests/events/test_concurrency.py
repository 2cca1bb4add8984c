"""Two people take the last seat at the same moment: exactly one gets it.

Real transactions on PostgreSQL, each in its own thread with its own connection.
Both threads wait at a barrier, then register for the one free seat; the lock on
the event's row makes the second wait for the first and count again.
"""

import threading

import pytest
from django.db import connection, connections

from events import services
from events.models import Event, Registration
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.real_commits,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's row locks"
    ),
]


def _race(event, users, register) -> list:
    barrier = threading.Barrier(len(users))
    results = [None] * len(users)

    def run(index, user):
        try:
            barrier.wait(timeout=10)
            results[index] = register(event, user)
        except Exception as error:  # noqa: BLE001 (the test looks at every outcome)
            results[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, user))
        for index, user in enumerate(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def _one_click(event, user):
    return services.registration_create_for_user(event=event, user=user).status


def test_two_people_never_both_get_the_last_seat():
    event = factories.event(capacity=1, waiting_list=False)
    users = [factories.user(), factories.user()]
    for _ in range(5):  # a race that passes once may be luck
        Registration.objects.all().delete()
        results = _race(event, users, _one_click)
        confirmed = [r for r in results if r == Registration.Status.CONFIRMED]
        refused = [r for r in results if isinstance(r, services.RegistrationRefused)]
        assert len(confirmed) == 1, results
        assert len(refused) == 1 and refused[0].code == "full", results
        assert Registration.objects.filter(status="confirmed").count() == 1


def test_the_one_who_loses_the_race_waits_instead():
    event = factories.event(capacity=1)
    users = [factories.user() for _ in range(4)]
    results = _race(event, users, _one_click)
    assert sorted(results) == ["confirmed", "waiting", "waiting", "waiting"], results
    assert Event.objects.with_counts().get().seats_taken == 1


def test_guests_confirming_at_once_share_the_seats_correctly():
    event = factories.event(capacity=2)
    pending = [
        services.registration_request(
            event=event, name=f"Gast {n}", email=f"gast{n}@example.org"
        )
        for n in range(5)
    ]
    results = _race(
        event,
        pending,
        lambda event, registration: (
            services.registration_confirm(registration=registration).status
        ),
    )
    assert sorted(results).count("confirmed") == 2, results
    assert sorted(results).count("waiting") == 3, results


def test_mail_goes_out_only_after_the_commit(mailoutbox):
    from django.db import transaction

    event = factories.event()
    user = factories.user()
    mailoutbox.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.registration_create_for_user(event=event, user=user)
        raise RuntimeError("something later in the same request fails")
    assert not Registration.objects.exists()
    assert mailoutbox == []
    services.registration_create_for_user(event=event, user=user)
    assert len(mailoutbox) == 1
