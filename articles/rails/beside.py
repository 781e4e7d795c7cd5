"""The rails of one page together: never the story being read, never one story twice.

Related Articles come first (chosen when the story's page is prepared), then Editor's Picks,
then Most Popular (which goes before a picks rail that only shows the newest stories). Each
rail leaves out the story being read and what an earlier rail shows, and is topped up from
its own list, which the reader cache keeps with spares for that, so each keeps its length
when it can. Leaving stories out is a few comparisons in Python over the cached lists: no
query, whatever the story.

What the rails show then depends on the story only through the few of its ids (the story and
its Related stories) that are in those lists; ``Beside.key`` names them, so the fragment
holding the rendered rails is shared by every story that leaves out the same ones (almost
every story: none).
"""

from dataclasses import dataclass

from django.conf import settings

from articles.rails.picks import PicksList, picks_with_spares
from articles.rails.ranking import PopularList, most_popular


@dataclass
class Beside:
    picks: PicksList
    popular: PopularList
    key: str


def rails_beside(*, story=None, related_ids=()):
    """Editor's Picks and Most Popular beside ``story`` (None: the home page) and its Related
    stories (``related_ids``)."""
    left_out = {*related_ids, *([story.pk] if story is not None else [])}
    # Always the same spares (so one cached list each): enough for the story, a full Related
    # rail and a full rail of the other kind.
    spares = 1 + settings.RELATED_ARTICLES_COUNT
    picks = picks_with_spares(spares=spares + settings.POPULAR_COUNT)
    popular = most_popular(spares=spares + settings.EDITORS_PICKS_COUNT)
    listed = {article.pk for article in (*picks.articles, *popular.articles)}
    key = ",".join(str(pk) for pk in sorted(left_out & listed))

    def leaving_out(articles, count):
        shown = [article for article in articles if article.pk not in left_out][:count]
        left_out.update(article.pk for article in shown)
        return shown

    # With no pick lately the picks rail shows the newest stories: the editors chose nothing,
    # and what readers read comes before what is merely new.
    if picks.source == "latest":
        shown_popular = leaving_out(popular.articles, settings.POPULAR_COUNT)
        shown_picks = leaving_out(picks.articles, settings.EDITORS_PICKS_COUNT)
    else:
        shown_picks = leaving_out(picks.articles, settings.EDITORS_PICKS_COUNT)
        shown_popular = leaving_out(popular.articles, settings.POPULAR_COUNT)
    return Beside(
        picks=PicksList(source=picks.source, articles=shown_picks),
        popular=PopularList(window=popular.window, articles=shown_popular),
        key=key or "-",
    )
