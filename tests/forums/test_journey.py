"""The forum journey in a browser: sign up, verify, open the Nachbarschaftsforum,
start a topic, reply with a quote, follow, and be told of a second person's reply."""

import re

from django.core import mail
from django.urls import reverse

from forums.models import Forum, Topic
from tests import factories
from tests.browser import assert_no_axe_violations, sign_in_with_client

EMAIL = "jana.beispiel@example.org"


def test_a_newcomer_discusses_in_the_nachbarschaftsforum(
    open_browser_page, live_server
):
    forum = Forum.objects.get(slug="nachbarschaftsforum")
    neighbour = factories.user(display_name="Martin Albers")
    existing = factories.forum_topic(
        forum,
        author=neighbour,
        title="Gemeinsame Buslinien über die Landesgrenze",
        body="Morgens fehlt eine Verbindung vor 7 Uhr.",
    )
    page = open_browser_page()

    # Sign up, and confirm the address with the link from the e-mail.
    page.goto(live_server.url + reverse("account_signup"))
    form = page.locator("form:has(input[name=password1])")
    form.locator("input[name=email]").fill(EMAIL)
    form.locator("input[name=password1]").fill(factories.PASSWORD)
    form.locator("input[name=password2]").fill(factories.PASSWORD)
    with page.expect_navigation():
        form.locator("[type=submit]").first.click()
    [confirmation] = [m for m in mail.outbox if m.to == [EMAIL]]
    link = re.search(r"https?://\S+/konto/confirm-email/\S+/", confirmation.body)[0]
    page.goto(link)
    with page.expect_navigation():
        page.get_by_role("button", name="Bestätigen").click()

    # The Nachbarschaftsforum, from the forum index.
    page.goto(live_server.url + reverse("forums:space-list"))
    page.locator("#nachbarschaftsforum").get_by_role(
        "link", name="Nachbarschaftsforum", exact=True
    ).click()
    assert page.locator("h1").inner_text() == "Nachbarschaftsforum"

    # Start a topic: first a title of spaces (refused, text kept), then properly.
    page.get_by_role("link", name="Neues Thema beginnen").click()
    page.get_by_label("Titel").fill("   ")
    page.get_by_label("Ihr Text").fill(
        "Wer macht mit bei **Radwegen** über die Grenze?"
    )
    page.get_by_role("button", name="Thema veröffentlichen").click()
    assert page.get_by_text("Bitte geben Sie einen Titel ein.").is_visible()
    assert "**Radwegen**" in page.get_by_label("Ihr Text").input_value()
    page.get_by_label("Titel").fill("Radwege über die Landesgrenze")
    page.get_by_role("button", name="Vorschau").click()
    assert page.locator(".preview strong").inner_text() == "Radwegen"
    page.get_by_role("button", name="Thema veröffentlichen").click()
    assert page.locator("h1").inner_text() == "Radwege über die Landesgrenze"
    assert page.get_by_text("Ihr Thema ist veröffentlicht.").is_visible()
    assert_no_axe_violations(page)

    # Reply to the neighbour's topic with a quote.
    page.goto(live_server.url + existing.get_absolute_url())
    page.get_by_role("link", name="Zitieren").first.click()
    reply = page.get_by_label("Ihr Text")
    # The quote's first line links to the quoted post (so hiding it hides the quote).
    quoted_url = existing.posts.get().get_absolute_url()
    assert reply.input_value().startswith(
        f"> [Martin Albers schrieb:]({quoted_url})\n>\n"
        "> Morgens fehlt eine Verbindung vor 7 Uhr."
    )
    reply.press("End")
    reply.type("Das kennen wir aus Wolfhagen auch.")
    page.get_by_role("button", name="Antwort senden").click()
    assert page.get_by_text("Ihre Antwort ist veröffentlicht.").is_visible()
    quote = page.locator("article.post blockquote").last
    assert "Morgens fehlt eine Verbindung" in quote.inner_text()

    # Follow the topic.
    page.get_by_role("button", name="Diesem Thema folgen").click()
    assert page.get_by_text("Sie folgen diesem Thema").is_visible()
    assert page.get_by_role("button", name="Nicht mehr folgen").is_visible()

    # A second person replies; the newcomer gets an e-mail about it.
    mail.outbox.clear()
    second = open_browser_page()
    sign_in_with_client(second, live_server, neighbour)
    second.goto(live_server.url + existing.get_absolute_url())
    second.get_by_label("Ihr Text").fill("Dann schreiben wir gemeinsam an den NVV.")
    second.get_by_role("button", name="Antwort senden").click()
    assert second.get_by_text("Ihre Antwort ist veröffentlicht.").is_visible()

    [notice] = [m for m in mail.outbox if m.to == [EMAIL]]
    assert existing.title in notice.subject
    assert "Dann schreiben wir gemeinsam an den NVV." in notice.body
    assert not [m for m in mail.outbox if m.to == [neighbour.email]]
    assert Topic.objects.filter(title="Radwege über die Landesgrenze").exists()
