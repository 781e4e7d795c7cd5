"""Turn a story's own reporting and its topic's background into an article body (HTML)."""

import random

from articles.demo.newsroom import TOPICS


def _quote(story, rng):
    quote, who = story["quote"], story["who"]
    style = rng.random()
    if style < 0.5:
        speaker = who[0].upper() + who[1:]
        return [f"<p>{speaker} put it this way:</p>", f"<blockquote><p>“{quote}”</p></blockquote>"]
    if style < 0.75:
        return [
            f"<blockquote><p>“{quote}”</p></blockquote>",
            f"<p>That was how {who} summed it up.</p>",
        ]
    if quote.endswith("."):
        quote = quote[:-1] + ","
    return [f"<p>“{quote}” said {who.rstrip(',')}.</p>"]


def body_html(story):
    """An article body of four to eight paragraphs, with a heading and usually a quotation.

    Deterministic: the same story always gets the same body.
    """
    rng = random.Random(f"body:{story['slug']}")
    parts = [f"<p>{story['lede']}</p>"]
    if story.get("detail"):
        parts.append(f"<p>{story['detail']}</p>")
    if story.get("outlook") is None and story.get("quote") is None:
        return "\n".join(parts)  # A draft: only what the reporter has written so far.
    topic = TOPICS[story["topic"]]
    # A story may name the background paragraphs that suit it; otherwise two are drawn.
    if "background" in story:
        first, second = (topic["background"][i] for i in story["background"])
    else:
        first, second = rng.sample(topic["background"][:4], 2)
    parts += [f"<h2>{rng.choice(topic['headings'])}</h2>", f"<p>{first}</p>"]
    if story.get("quote"):
        parts += _quote(story, rng)
    parts.append(f"<p>{second}</p>")
    if story.get("outlook"):
        outlook = story["outlook"]
        if "<a " not in "".join(parts):
            outlook += (
                ' The documents referred to in this story are <a href="https://example.org/'
                f'documents/{story["slug"]}">available online</a>.'
            )
        if rng.random() < 0.4:
            parts.append("<h2>What comes next</h2>")
        parts.append(f"<p>{outlook}</p>")
    return "\n".join(parts)
