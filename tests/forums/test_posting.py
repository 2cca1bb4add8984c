import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from forums import services
from forums.models import ModerationLog, Post, PostRevision, Topic, TopicSubscription
from forums.services import posting
from tests import factories

pytestmark = pytest.mark.django_db


def create_url(forum):
    return reverse("forums:topic-create", kwargs={"forum": forum.slug})


def reply_url(topic):
    return reverse("forums:topic-reply", kwargs=topic.url_kwargs())


def test_verified_user_starts_a_topic_and_follows_it(signed_in):
    forum = factories.forum()
    author = factories.user()
    response = signed_in(author).post(
        create_url(forum),
        {
            "title": "  Digitaler Gewerbeflächenpool  ",
            "body": "Welche **Angaben** braucht eine Fläche?",
            "states": ["HE", "NW"],
        },
    )
    topic = Topic.objects.get(forum=forum)
    assert response.status_code == 302
    assert response["Location"] == topic.get_absolute_url()
    assert topic.title == "Digitaler Gewerbeflächenpool"
    assert topic.slug == "digitaler-gewerbeflaechenpool"
    assert topic.states == ["HE", "NW"]
    assert topic.posts.get().body_html == (
        "<p>Welche <strong>Angaben</strong> braucht eine Fläche?</p>"
    )
    assert TopicSubscription.objects.filter(topic=topic, user=author).exists()
    forum.refresh_from_db()
    assert (forum.topic_count, forum.post_count) == (1, 1)


def test_preview_shows_the_rendered_text_and_publishes_nothing(signed_in):
    forum = factories.forum()
    response = signed_in(factories.user()).post(
        create_url(forum),
        {"title": "Buslinien", "body": "Die *Linie* fehlt.", "vorschau": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<p>Die <em>Linie</em> fehlt.</p>" in html
    assert "Die *Linie* fehlt.</textarea>" in html
    assert 'value="Buslinien"' in html
    assert not Topic.objects.filter(forum=forum).exists()


def test_reply_preview_keeps_the_text_and_publishes_nothing(signed_in):
    topic = factories.forum_topic()
    response = signed_in(factories.user()).post(
        reply_url(topic), {"body": "Ein **Entwurf**.", "vorschau": "1"}
    )
    assert response.status_code == 200
    assert "<strong>Entwurf</strong>" in response.content.decode()
    assert "Ein **Entwurf**.</textarea>" in response.content.decode()
    assert topic.posts.count() == 1


def test_a_title_of_only_spaces_is_refused_and_the_text_stays(signed_in):
    forum = factories.forum()
    response = signed_in(factories.user()).post(
        create_url(forum), {"title": "     ", "body": "Mein wichtiger Text."}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte geben Sie einen Titel ein." in html
    assert "Mein wichtiger Text.</textarea>" in html
    assert not Topic.objects.filter(forum=forum).exists()


@pytest.mark.parametrize("body", ["", "   \n\t  ", "<script>alert(1)</script>"])
def test_an_empty_post_is_refused_with_a_german_message(signed_in, body):
    topic = factories.forum_topic()
    response = signed_in(factories.user()).post(reply_url(topic), {"body": body})
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Bitte schreiben Sie einen Text." in html
        or "Von diesem Text wäre nichts zu sehen" in html
    )
    assert topic.posts.count() == 1


def test_an_oversized_post_is_refused_and_the_text_stays(signed_in, settings):
    settings.FORUM_POST_MAX_LENGTH = 100
    topic = factories.forum_topic()
    text = "Pendeln über die Landesgrenze " * 5
    response = signed_in(factories.user()).post(reply_url(topic), {"body": text})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Der Text ist zu lang: Erlaubt sind höchstens 100 Zeichen" in html
    assert f"{text}</textarea>" in html
    assert topic.posts.count() == 1


def test_the_default_limit_is_20000_characters(signed_in):
    topic = factories.forum_topic()
    client = signed_in(factories.user())
    assert client.post(reply_url(topic), {"body": "a" * 20_000}).status_code == 302
    response = client.post(reply_url(topic), {"body": "a" * 20_001})
    assert "höchstens 20.000 Zeichen" in response.content.decode()


def test_posting_faster_than_the_rate_limit_is_refused_and_the_text_stays(
    signed_in, settings
):
    settings.FORUM_POST_RATE = "3/m"
    topic = factories.forum_topic()
    client = signed_in(factories.user())
    for number in range(3):
        response = client.post(reply_url(topic), {"body": f"Beitrag {number}"})
        assert response.status_code == 302
    response = client.post(reply_url(topic), {"body": "Der vierte Beitrag."})
    html = response.content.decode()
    assert response.status_code == 429
    assert "Sie schreiben schneller, als das Forum es erlaubt." in html
    assert "Bitte korrigieren Sie die markierten Felder." not in html
    assert "Der vierte Beitrag.</textarea>" in html
    assert topic.posts.count() == 4
    # Another person is not slowed down by it.
    other = signed_in(factories.user())
    assert other.post(reply_url(topic), {"body": "Hallo"}).status_code == 302


def test_previews_do_not_count_towards_the_rate_limit(signed_in, settings):
    settings.FORUM_POST_RATE = "1/m"
    topic = factories.forum_topic()
    client = signed_in(factories.user())
    for _ in range(3):
        client.post(reply_url(topic), {"body": "Entwurf", "vorschau": "1"})
    assert client.post(reply_url(topic), {"body": "Fertig."}).status_code == 302


def test_unverified_users_cannot_post_and_are_shown_how_to_verify(signed_in):
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    client = signed_in(factories.user(verified=False))
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in page
    assert reverse("account_email") in page
    assert 'name="body"' not in page
    response = client.post(reply_url(topic), {"body": "Ich möchte antworten."})
    assert response.status_code == 403
    assert "Ich möchte antworten.</textarea>" in response.content.decode()
    assert client.get(create_url(forum)).status_code == 403
    with pytest.raises(ValidationError):
        services.post_create(
            topic=topic, author=factories.user(verified=False), body="Hallo"
        )
    assert topic.posts.count() == 1


def test_a_locked_topic_rejects_new_posts_with_a_german_message(signed_in):
    topic = factories.forum_topic()
    services.topic_set_locked(
        topic=topic,
        moderator=factories.forum_moderator(topic.forum),
        locked=True,
        reason="Die Frage ist beantwortet.",
    )
    client = signed_in(factories.user())
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Dieses Thema ist geschlossen" in page
    response = client.post(reply_url(topic), {"body": "Noch eine Frage."})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Dieses Thema ist geschlossen: Es nimmt keine Antworten mehr an." in html
    assert "Noch eine Frage.</textarea>" in html
    assert topic.posts.count() == 1


def test_in_a_members_forum_only_members_post_and_others_are_told_how_to_join(
    signed_in,
):
    forum = factories.forum(members_post=True)
    topic = factories.forum_topic(forum)
    outsider = factories.user()
    page = signed_in(outsider).get(topic.get_absolute_url()).content.decode()
    assert "Hier können nur Mitglieder dieses Forums schreiben." in page
    assert reverse("forums:membership-request", kwargs={"forum": forum.slug}) in page
    response = signed_in(outsider).post(reply_url(topic), {"body": "Darf ich?"})
    assert response.status_code == 403
    factories.forum_membership(forum=forum, user=outsider)
    response = signed_in(outsider).post(reply_url(topic), {"body": "Jetzt ja."})
    assert response.status_code == 302


def test_a_reply_updates_counts_and_last_activity_and_lands_on_its_post(signed_in):
    forum = factories.forum()
    topic = factories.forum_topic(forum, replies=20)
    response = signed_in(factories.user()).post(
        reply_url(topic), {"body": "Wir aus Höxter sind dabei."}
    )
    post = Post.objects.latest("pk")
    assert response["Location"] == (
        f"{topic.get_absolute_url()}?seite=2#beitrag-{post.pk}"
    )
    topic.refresh_from_db()
    forum.refresh_from_db()
    assert (topic.post_count, topic.last_post_id) == (22, post.pk)
    assert topic.last_post_at == post.created_at
    assert (forum.topic_count, forum.post_count, forum.last_post_id) == (1, 22, post.pk)


def test_a_replys_markdown_is_rendered_once_though_checked_twice(
    signed_in, monkeypatch
):
    """The form's check, the model's and the save each need the HTML; the one render
    is kept for the others (a long post: 4.6 ms a render)."""
    from core import markdown

    topic = factories.forum_topic(factories.forum())
    author = factories.user()
    renders = []
    original = markdown.md.markdown
    monkeypatch.setattr(
        markdown.md, "markdown", lambda *a, **k: renders.append(a) or original(*a, **k)
    )

    signed_in(author).post(reply_url(topic), {"body": "Wir sind *einmal* dabei."})

    assert (
        Post.objects.latest("pk").body_html == "<p>Wir sind <em>einmal</em> dabei.</p>"
    )
    assert len(renders) == 1


def test_counts_added_by_new_posts_agree_with_counts_recomputed_from_the_posts():
    forum = factories.forum()
    moderator = factories.user()
    forum.moderators.add(moderator)
    hidden = factories.forum_topic(forum, replies=2)
    services.topic_set_hidden(
        topic=hidden, moderator=moderator, hidden=True, reason="Doppelt."
    )
    shown = factories.forum_topic(forum, replies=1)
    post = Post.objects.filter(topic=shown).latest("pk")
    services.post_set_hidden(post=post, moderator=moderator, hidden=True, reason="Spam")
    # Replies after the moderation, to a visible and to a hidden topic.
    for topic in (shown, hidden, shown):
        services.post_create(
            topic=topic, author=moderator, body="Dazu noch dies.", limit_rate=False
        )
    newest = factories.forum_topic(forum)

    def counts():
        forum.refresh_from_db()
        topics = forum.topics.order_by("pk").values_list(
            "post_count", "last_post_id", "last_post_at"
        )
        return (
            forum.topic_count,
            forum.post_count,
            forum.last_post_id,
            forum.last_post_at,
            list(topics),
        )

    added = counts()
    services.forum_refresh_counters(forum=forum)
    assert added == counts()
    assert added[:3] == (2, 4, newest.last_post_id)


def test_a_reply_to_a_topic_moved_meanwhile_is_counted_under_its_new_forums_lock(
    monkeypatch,
):
    source, target = factories.forum(), factories.forum()
    moderator = factories.forum_moderator(source)
    factories.forum_moderator(target, moderator)
    topic = factories.forum_topic(source)
    as_read_by_the_view = Topic.objects.select_related("forum").get(pk=topic.pk)
    services.topic_move(
        topic=topic, moderator=moderator, forum=target, reason="Passt dort besser."
    )
    locked = []
    lock = posting.lock
    monkeypatch.setattr(
        posting, "lock", lambda forum: [locked.append(forum.pk), lock(forum)]
    )
    services.post_create(
        topic=as_read_by_the_view, author=moderator, body="Gut.", limit_rate=False
    )
    # The forum it was in, then the one it is in now: counts change under its lock.
    assert locked == [source.pk, target.pk]
    target.refresh_from_db()
    assert (target.topic_count, target.post_count) == (1, 2)


def test_the_quote_link_prefills_the_reply_with_a_markdown_quote(client):
    topic = factories.forum_topic(body="Erste Zeile.\nZweite Zeile.")
    first = topic.posts.get()
    reader = factories.user()
    client.force_login(reader)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert f'href="?zitat={first.pk}#antwort"' in page
    page = client.get(topic.get_absolute_url(), {"zitat": first.pk}).content.decode()
    name = first.author.public_name
    # The first line links to the quoted post: so the quote is known again later.
    assert (
        f"&gt; [{name} schrieb:]({first.get_absolute_url()})\n&gt;\n"
        "&gt; Erste Zeile.\n&gt; Zweite Zeile.\n\n</textarea>"
    ) in page
    # The empty form that every reader shares stays empty.
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "schrieb:" not in page


def test_a_hidden_post_cannot_be_quoted(client):
    topic = factories.forum_topic(replies=1)
    post = topic.last_post
    services.post_set_hidden(
        post=post,
        moderator=factories.forum_moderator(topic.forum),
        hidden=True,
        reason="Beleidigend.",
    )
    client.force_login(factories.user())
    page = client.get(topic.get_absolute_url(), {"zitat": post.pk}).content.decode()
    assert "Antwort Nummer 1" not in page


def test_authors_edit_their_posts_the_history_is_kept_and_edited_is_shown(signed_in):
    topic = factories.forum_topic(body="Erste Fassung.")
    post = topic.posts.get()
    client = signed_in(post.author)
    url = reverse("forums:post-edit", kwargs={"forum": topic.forum.slug, "pk": post.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": topic.title, "body": "Zweite Fassung."})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body_html == "<p>Zweite Fassung.</p>"
    assert post.edited_at is not None
    revision = PostRevision.objects.get(post=post)
    assert (revision.body, revision.edited_by) == ("Erste Fassung.", post.author)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "bearbeitet" in page
    # The history is for the author and the moderators, not for other readers.
    history = reverse(
        "forums:post-history", kwargs={"forum": topic.forum.slug, "pk": post.pk}
    )
    assert f'href="{history}"' in page
    page = client.get(history).content.decode()
    assert "Erste Fassung." in page and "Zweite Fassung." in page
    reader = signed_in(factories.user())
    assert (
        f'href="{history}"' not in reader.get(topic.get_absolute_url()).content.decode()
    )
    assert reader.get(history).status_code == 403
    moderator = factories.forum_moderator(topic.forum)
    page = signed_in(moderator).get(history).content.decode()
    assert "Erste Fassung." in page and "Zweite Fassung." in page
    assert not ModerationLog.objects.exists()


def test_editing_the_first_post_can_rename_the_topic_and_old_links_redirect(
    signed_in,
):
    topic = factories.forum_topic(title="Alter Titel")
    post = topic.posts.get()
    old_url = topic.get_absolute_url()
    url = reverse("forums:post-edit", kwargs={"forum": topic.forum.slug, "pk": post.pk})
    signed_in(post.author).post(url, {"title": "Neuer Titel", "body": post.body})
    topic.refresh_from_db()
    assert topic.slug == "neuer-titel"
    assert PostRevision.objects.get(post=post).title == "Alter Titel"
    response = signed_in(post.author).get(old_url)
    assert response.status_code == 301
    assert response["Location"] == topic.get_absolute_url()


def test_nobody_but_the_author_and_moderators_edits_a_post(signed_in):
    topic = factories.forum_topic(body="Original.")
    post = topic.posts.get()
    url = reverse("forums:post-edit", kwargs={"forum": topic.forum.slug, "pk": post.pk})
    for intruder in (factories.user(), factories.moderator(), factories.editor()):
        client = signed_in(intruder)
        assert client.get(url).status_code == 403
        assert client.post(url, {"body": "Gehackt."}).status_code == 403
        with pytest.raises(PermissionDenied):
            services.post_edit(post=post, editor=intruder, body="Gehackt.")
    post.refresh_from_db()
    assert post.body == "Original."
    page = signed_in(factories.user()).get(topic.get_absolute_url()).content.decode()
    assert url not in page


def test_a_moderator_edits_someone_elses_post_only_with_a_reason_and_it_is_logged(
    signed_in, mailoutbox
):
    topic = factories.forum_topic(body="Ruft mich an: 0171 1234567")
    post = topic.posts.get()
    moderator = factories.forum_moderator(topic.forum)
    url = reverse("forums:post-edit", kwargs={"forum": topic.forum.slug, "pk": post.pk})
    client = signed_in(moderator)
    response = client.post(url, {"title": topic.title, "body": "Ruft mich an."})
    assert "Bitte geben Sie einen Grund an." in response.content.decode()
    mailoutbox.clear()
    response = client.post(
        url,
        {"title": topic.title, "body": "Ruft mich an.", "reason": "Telefonnummer."},
    )
    assert response.status_code == 302
    entry = ModerationLog.objects.get()
    assert (entry.action, entry.actor, entry.reason) == (
        ModerationLog.Action.EDIT_POST,
        moderator,
        "Telefonnummer.",
    )
    assert [m.to for m in mailoutbox] == [[post.author.email]]
    assert "Telefonnummer." in mailoutbox[0].body


def test_posts_are_stored_rendered_with_safe_links():
    topic = factories.forum_topic(
        body="Siehe [SREK](https://www.regiondermitte.de/srek/) und <b>fett</b>."
    )
    html = topic.posts.get().body_html
    assert 'href="https://www.regiondermitte.de/srek/"' in html
    assert 'rel="nofollow noopener noreferrer ugc"' in html
    assert "<b>fett</b>" in html


def test_posts_of_a_deleted_account_stay_and_show_deleted_account(client):
    topic = factories.forum_topic(replies=1)
    author = topic.author
    author.delete()
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "gelöschtes Konto" in page
    assert topic.posts.count() == 2


def test_the_byline_shows_only_what_the_author_chose_to_show(client):
    author = factories.user(
        display_name="Anja Hoppe",
        organisation="Planungsbüro Dreiländereck",
        function="Regionalplanerin",
        state="NI",
        show_organisation=True,
        show_function=False,
        show_state=True,
    )
    topic = factories.forum_topic(author=author)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Anja Hoppe" in page
    assert "Planungsbüro Dreiländereck" in page
    assert "Niedersachsen" in page
    assert "Regionalplanerin" not in page
    assert author.email not in page


def test_line_breaks_in_a_title_become_spaces(signed_in):
    forum = factories.forum()
    signed_in(factories.user()).post(
        create_url(forum),
        {"title": "Bus\r\nBcc: spam@example.org", "body": "Text."},
    )
    assert Topic.objects.get(forum=forum).title == "Bus Bcc: spam@example.org"
