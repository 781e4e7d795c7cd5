"""The publication's editions: one per language in ``LANGUAGES``, the first the default.

The default edition lives at ``/``, every other under its language's prefix (``/ru/``). Which
edition a request reads is decided by its address alone, never by the browser's
Accept-Language or a cookie, so every reader of one address gets the same page and a shared
cache can keep it (``EditionMiddleware``).
"""

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse, translate_url
from django.utils import translation

# What each language is called in itself, for ``EDITIONS``: a newsroom lists codes only.
NATIVE_NAMES = {
    "en": "English",
    "ru": "Русский",
    "ka": "ქართული",
    "hy": "Հայերեն",
    "az": "Azərbaycanca",
    "uk": "Українська",
    "tr": "Türkçe",
}

# PostgreSQL's text-search configurations with a stemmer; any other language is searched with
# ``simple`` (words as written, lower-cased).
SEARCH_CONFIGS = {
    "en": "english",
    "ru": "russian",
    "tr": "turkish",
    "de": "german",
    "fr": "french",
}

# Open Graph locales (language_TERRITORY) of the languages a newsroom is likely to publish in.
OG_LOCALES = {
    "en": "en_GB",
    "ru": "ru_RU",
    "ka": "ka_GE",
    "hy": "hy_AM",
    "az": "az_AZ",
    "uk": "uk_UA",
    "tr": "tr_TR",
}


def check_codes(codes):
    """``EDITIONS`` as given, refused unless it is one or more distinct language codes that
    Django knows (``ka``, ``hy``, ``az``…)."""
    unknown = [code for code in codes if code not in LANG_INFO]
    if not codes or unknown or len(set(codes)) != len(codes):
        raise ImproperlyConfigured(
            "EDITIONS must list one or more distinct language codes, the default edition "
            f"first (e.g. EDITIONS='en ru'); not known: {', '.join(unknown) or 'none given'}."
        )
    return codes


def codes():
    """The editions' language codes, the default first."""
    return [code for code, _name in settings.LANGUAGES]


def choices():
    return list(settings.LANGUAGES)


def default():
    return settings.LANGUAGE_CODE


def name(code):
    return dict(settings.LANGUAGES).get(code, code)


def is_edition(code):
    return code in codes()


def current():
    """The edition being read (the active language), or the default one outside any."""
    code = translation.get_language()
    return code if is_edition(code) else default()


def others(code):
    return [other for other in codes() if other != code]


def search_config(code):
    return SEARCH_CONFIGS.get(code, "simple")


def og_locale(code):
    return OG_LOCALES.get(code, code)


def prefix(code):
    """The address prefix of an edition: '' for the default one, '/ru' for Russian."""
    return "" if code == default() else f"/{code}"


def from_path(path):
    """The edition a path belongs to: its first segment if that is an edition's code (other
    than the default's, which has no prefix), else the default."""
    first = path.lstrip("/").split("/", 1)[0]
    if first != default() and is_edition(first):
        return first
    return default()


def site_words(code=None):
    """The publication's tagline, description and join pitch in edition ``code`` (default: the
    one being read): its own ``SITE_*_<CODE>`` settings, else the default edition's."""
    own = settings.SITE_WORDS.get(code or current(), {})
    return {
        word: own.get(word) or getattr(settings, f"SITE_{word.upper()}")
        for word in ("tagline", "description", "join_headline", "join_pitch")
    }


def home(code):
    """The front page of edition ``code``."""
    with translation.override(code):
        return reverse("articles:home")


def switcher(current, addresses):
    """The language switcher's links: each edition with ``addresses[code]`` (this page in
    that edition) where there is one, else that edition's front page."""
    return [
        {
            "code": code,
            "name": language_name,
            "url": addresses.get(code) or home(code),
            "current": code == current,
        }
        for code, language_name in settings.LANGUAGES
    ]


def same_page_elsewhere(request):
    """``{edition: address}`` of the page asked for in every edition that has the same page
    (every address but a story's, which names one edition's story): the switcher's default."""
    path = request.get_full_path()
    current = getattr(request, "LANGUAGE_CODE", default())
    addresses = {current: path}
    for code in others(current):
        translated = translate_url(path, code)
        if translated != path:
            addresses[code] = translated
    return addresses


class EditionMiddleware:
    """Activate the edition the address names, and nothing else.

    Django's LocaleMiddleware would also read Accept-Language and a cookie for the unprefixed
    default edition and answer ``Vary: Accept-Language``, which a shared page cache cannot keep.
    Here ``/`` is always the default edition; an unknown prefix (``/de/``) matches no address
    and answers 404.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = from_path(request.path_info)
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        return response
