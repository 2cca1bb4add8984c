"""Keyset pagination finds the same pages as OFFSET, ties and filters included."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.utils import timezone

from core.pagination import SeekPaginator
from news.models import Article
from tests import factories

pytestmark = pytest.mark.django_db


def test_every_page_is_the_one_offset_finds():
    moment = timezone.now() - datetime.timedelta(days=1)
    for number in range(23):
        # Groups of articles published at the same moment: the id breaks the tie.
        factories.article(
            f"Nachricht {number}",
            published_at=moment - datetime.timedelta(hours=number // 4),
            state_he=number % 2 == 0,
        )
    for queryset in (
        Article.objects.for_list(),
        Article.objects.for_list().filter(state_he=True),
    ):
        offset, seek = Paginator(queryset, 5), SeekPaginator(queryset, 5)
        assert seek.num_pages == offset.num_pages
        for number in offset.page_range:
            expected = [a.pk for a in offset.page(number)]
            assert [a.pk for a in seek.page(number)] == expected, number


def test_a_deep_page_of_a_topic_reads_only_its_own_posts():
    forum = factories.forum()
    topic = factories.forum_topic(forum, replies=44)
    posts = topic.posts.select_related("author")
    seek = SeekPaginator(posts, 20)
    assert [p.pk for p in seek.page(3)] == [p.pk for p in Paginator(posts, 20).page(3)]
    assert len(seek.page(3)) == 5


def test_an_ordering_without_the_key_falls_back_to_offset():
    for number in range(4):
        factories.article(f"Nachricht {number}")
    queryset = Article.objects.for_list().order_by("title")
    assert [a.pk for a in SeekPaginator(queryset, 3).page(2)] == [
        a.pk for a in Paginator(queryset, 3).page(2)
    ]
