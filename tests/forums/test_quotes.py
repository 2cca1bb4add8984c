"""A quote of a hidden or deleted post shows a note instead of its text, for every
reader but moderators: on the page, in the PDF, in search and in notification e-mails.
What readers get is what is stored (`body_html`), so nothing can show more."""

import io

import pytest
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from forums import quotes, services
from forums.models import Post, Quote
from tests import factories

pytestmark = pytest.mark.django_db

NOTE = "Zitat aus einem ausgeblendeten Beitrag"


def reply_url(topic, **query):
    url = reverse("forums:topic-reply", kwargs=topic.url_kwargs())
    return url + "".join(f"?{key}={value}" for key, value in query.items())


def quoted_reply(client, topic, post, answer: str) -> Post:
    """Quote `post` as a reader does: the form the Quote link opens, then send it."""
    form = client.get(reply_url(topic, zitat=post.pk)).context["form"]
    body = form.initial["body"] + answer
    assert client.post(reply_url(topic), {"body": body}).status_code == 302
    return topic.posts.latest("pk")


@pytest.fixture
def thread(signed_in):
    """Anna writes a rude post, Ben quotes it (through the Quote link) and answers."""
    forum = factories.forum()
    topic = factories.forum_topic(forum, title="Busverbindung nach Warburg")
    rude = factories.forum_post(topic, body="Das ist Unfug, Dummkopfgeschwätz.")
    ben = factories.forum_author(forum)
    reply = quoted_reply(signed_in(ben), topic, rude, "Bitte sachlich bleiben.")
    return {
        "topic": topic,
        "rude": rude,
        "reply": reply,
        "ben": ben,
        "moderator": factories.forum_moderator(forum),
    }


def hide(thread, post=None):
    services.post_set_hidden(
        post=post or thread["rude"],
        moderator=thread["moderator"],
        hidden=True,
        reason="Beleidigend.",
    )


def test_the_quote_link_remembers_which_post_a_quote_came_from(thread):
    reply = thread["reply"]
    assert f"/beitrag/{thread['rude'].pk}/" in reply.body
    assert list(Quote.objects.filter(post=reply).values_list("source", flat=True)) == [
        thread["rude"].pk
    ]
    # Until the quoted post is hidden, the quote shows its text.
    assert "Dummkopfgeschwätz" in reply.body_html
    assert reply.moderator_html == ""


def test_readers_see_a_note_instead_of_a_hidden_posts_quote(thread, client, signed_in):
    hide(thread)
    reply = Post.objects.get(pk=thread["reply"].pk)
    assert "Dummkopfgeschwätz" not in reply.body_html
    assert NOTE in reply.body_html
    assert "Bitte sachlich bleiben." in reply.body_html

    url = thread["topic"].get_absolute_url()
    for reader in (client, signed_in(factories.user()), signed_in(thread["ben"])):
        page = reader.get(url).content.decode()
        assert "Dummkopfgeschwätz" not in page
        assert NOTE in page
    # The moderators see what was quoted (and the hidden post itself).
    page = signed_in(thread["moderator"]).get(url).content.decode()
    assert page.count("Dummkopfgeschwätz") == 2


def test_showing_the_post_again_brings_its_quote_back(thread):
    hide(thread)
    services.post_set_hidden(
        post=thread["rude"],
        moderator=thread["moderator"],
        hidden=False,
        reason="Doch in Ordnung.",
    )
    reply = Post.objects.get(pk=thread["reply"].pk)
    assert "Dummkopfgeschwätz" in reply.body_html
    assert NOTE not in reply.body_html
    assert reply.moderator_html == ""


def test_a_deleted_posts_quote_shows_the_note_too(thread):
    # The admin's delete, or a topic's: whatever the path, the quoting posts follow.
    Post.objects.filter(pk=thread["rude"].pk).delete()
    reply = Post.objects.get(pk=thread["reply"].pk)
    assert "Dummkopfgeschwätz" not in reply.body_html
    assert NOTE in reply.body_html


def test_the_topic_pdf_shows_the_note(thread, client):
    hide(thread)
    response = client.get(
        reverse("forums:topic-pdf", kwargs=thread["topic"].url_kwargs())
    )
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Dummkopfgeschwätz" not in text
    assert "Zitat aus einem" in text
    assert "Bitte sachlich bleiben." in text


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's index reads body_html; SQLite's simpler match reads the source",
)
def test_search_does_not_find_a_hidden_post_through_its_quote(thread, client):
    def found(words):
        page = client.get("/suche/", {"q": words}).content.decode()
        return f"#beitrag-{thread['reply'].pk}" in page

    assert found("Dummkopfgeschwätz")
    hide(thread)
    assert not found("Dummkopfgeschwätz")
    assert found("sachlich")


def test_notification_mails_carry_the_note(thread, signed_in, mailoutbox):
    """A reply sent after the quoted post was hidden (the form was open meanwhile)."""
    topic = thread["topic"]
    services.topic_follow(topic=topic, user=factories.user())
    client = signed_in(factories.forum_author(topic.forum))
    form = client.get(reply_url(topic, zitat=thread["rude"].pk)).context["form"]
    hide(thread)
    mailoutbox.clear()
    body = form.initial["body"] + "Das sehe ich auch so."
    assert client.post(reply_url(topic), {"body": body}).status_code == 302
    assert mailoutbox
    for message in mailoutbox:
        assert "Dummkopfgeschwätz" not in message.body
        assert NOTE in message.body
        assert "Das sehe ich auch so." in message.body


def test_quoting_a_quote_leaves_out_the_hidden_posts_text(thread, signed_in):
    hide(thread)
    client = signed_in(factories.user())
    form = client.get(reply_url(thread["topic"], zitat=thread["reply"].pk))
    initial = form.context["form"].initial["body"]
    assert "Bitte sachlich bleiben." in initial
    assert "Dummkopfgeschwätz" not in initial
    assert NOTE in initial


# --- finding quotes in the text ---------------------------------------------


def test_quotes_are_found_at_any_depth_and_only_at_their_start():
    body = (
        "> [Ben schrieb:](/foren/f/beitrag/2/)\n>\n"
        "> > [Anna schrieb:](/foren/f/beitrag/1/)\n> >\n> > Annas Text\n>\n"
        "> Bens Text\n\n"
        "Siehe auch [diesen Beitrag](/foren/f/beitrag/3/).\n\n"
        "> Ein Zitat ohne Quelle"
    )
    assert quotes.sources(body) == {1, 2}
    public = quotes.public(body, {1})
    assert "Annas Text" not in public
    assert "Bens Text" in public
    assert "> > *Zitat aus einem ausgeblendeten Beitrag*" in public
    assert quotes.public(body, {3}) == body


def test_markdown_joins_quoted_lines_after_a_blank_line_and_so_do_quotes():
    body = (
        "> [Anna schrieb:](/foren/f/beitrag/1/)\n> Annas Text\nlazy Annas Zeile\n\n"
        "> noch Annas Zitat\n\n"
        "> [Ben schrieb:](/foren/f/beitrag/2/)\n> Bens Text\n\nAntwort"
    )
    public = quotes.public(body, {1})
    assert "Anna" not in public
    assert "Bens Text" in public
    assert public.endswith("Antwort")
