"""Turn a story's own reporting and its topic's background into an article body (HTML)."""

import random

from articles.demo.newsroom import TOPICS

# The fixed words of a body, in English; another edition's stories bring their own
# (``articles.demo.russian.COMPOSE``).
PHRASES = {
    "put_it": "{speaker} put it this way:",
    "summed_up": "That was how {who} summed it up.",
    "said": "“{quote}” said {who}.",
    "documents": ' The documents referred to in this story are <a href="{url}">available '
    "online</a>.",
    "what_next": "What comes next",
    "open_quote": "“",
    "close_quote": "”",
}


def _quote(story, rng, phrases):
    quote, who = story["quote"], story["who"]
    opened, closed = phrases.get("open_quote", "“"), phrases.get("close_quote", "”")
    style = rng.random()
    if style < 0.5:
        speaker = who[0].upper() + who[1:]
        return [
            f"<p>{phrases['put_it'].format(speaker=speaker)}</p>",
            f"<blockquote><p>{opened}{quote}{closed}</p></blockquote>",
        ]
    if style < 0.75:
        return [
            f"<blockquote><p>{opened}{quote}{closed}</p></blockquote>",
            f"<p>{phrases['summed_up'].format(who=who)}</p>",
        ]
    if quote.endswith("."):
        quote = quote[:-1] + ","
    return [f"<p>{phrases['said'].format(quote=quote, who=who.rstrip(','))}</p>"]


def body_html(story, *, topics=TOPICS, phrases=PHRASES):
    """An article body of four to eight paragraphs, with a heading and usually a quotation,
    made of the story's own reporting and its topic's background in ``topics``, joined with
    ``phrases`` (both in the story's language).

    Deterministic: the same story always gets the same body.
    """
    rng = random.Random(f"body:{story['slug']}")
    parts = [f"<p>{story['lede']}</p>"]
    if story.get("detail"):
        parts.append(f"<p>{story['detail']}</p>")
    if story.get("outlook") is None and story.get("quote") is None:
        return "\n".join(parts)  # A draft: only what the reporter has written so far.
    topic = topics[story["topic"]]
    # A story may name the background paragraphs that suit it; otherwise two are drawn.
    if "background" in story:
        first, second = (topic["background"][i] for i in story["background"])
    else:
        first, second = rng.sample(topic["background"][:4], 2)
    parts += [f"<h2>{rng.choice(topic['headings'])}</h2>", f"<p>{first}</p>"]
    if story.get("quote"):
        parts += _quote(story, rng, phrases)
    parts.append(f"<p>{second}</p>")
    if story.get("outlook"):
        outlook = story["outlook"]
        if "<a " not in "".join(parts):
            url = f"https://example.org/documents/{story['slug']}"
            outlook += phrases["documents"].format(url=url)
        if rng.random() < 0.4:
            parts.append(f"<h2>{phrases['what_next']}</h2>")
        parts.append(f"<p>{outlook}</p>")
    return "\n".join(parts)
