"""Joining and signing in with a real browser, which sends headers the test client does not
(a sign-in page asking for no referrer made Chromium send `Origin: null`, and CSRF refused it)."""

import re

import pytest
from django.core import mail

from memberships.models import Membership
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_reader_joins_pays_in_test_checkout_and_signs_in_from_the_emailed_link(
    page, live_server, settings
):
    settings.SITE_URL = live_server.url
    page.goto("/join/")
    page.fill("#id_email", "tamar@example.org")
    page.fill("#id_name", "Tamar")
    page.check("#id_email_consent")
    page.click("text=Continue to payment")
    page.wait_for_selector("text=Test checkout — no real payment")
    page.click("text=Complete payment")
    page.wait_for_selector("text=Thank you for supporting us")
    assert Membership.objects.get(supporter__email="tamar@example.org").status == "active"

    page.goto("/membership/sign-in/")
    page.fill("#id_email", "tamar@example.org")
    page.click("text=Email me a sign-in link")
    page.wait_for_selector("text=Check your email")
    link = re.search(r"(http://\S+/membership/sign-in/[\w-]+/)", mail.outbox[-1].body)[1]
    page.goto(link)
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Signed in as")
    assert "Next payment" in page.content()


def test_reader_joins_from_the_box_under_a_story_and_the_address_stays_out_of_every_url(
    page, live_server, settings
):
    settings.SITE_URL = live_server.url
    story = ArticleFactory(headline="The pass reopens")
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(story.get_absolute_url())
    page.fill(".join-box input[name=email]", "lela.box@example.org")
    page.click(".join-box button[type=submit]")
    page.wait_for_selector("text=Continue to payment")
    assert page.input_value("#id_email") == "lela.box@example.org"
    page.fill("#id_name", "Lela")
    page.check("#id_email_consent")
    page.click("text=Continue to payment")
    page.wait_for_selector("text=Test checkout — no real payment")
    page.click("text=Complete payment")
    page.wait_for_selector("text=Thank you for supporting us")
    assert Membership.objects.get(supporter__email="lela.box@example.org").status == "active"
    assert seen and not [url for url in seen + [page.url] if "lela.box" in url]


def test_a_failed_test_payment_brings_the_reader_back_to_their_filled_in_form(
    page, live_server, settings
):
    settings.SITE_URL = live_server.url
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto("/join/")
    page.check("input[name=plan][value=supporter-yearly]")
    page.fill("#id_custom_amount", "60")
    page.fill("#id_email", "eka.retry@example.org")
    page.fill("#id_name", "Eka")
    page.check("#id_email_consent")
    page.click("text=Continue to payment")
    page.wait_for_selector("text=Test checkout — no real payment")
    page.click("text=Fail payment")
    page.wait_for_selector("text=did not go through")
    assert page.is_checked("input[name=plan][value=supporter-yearly]")
    assert page.input_value("#id_custom_amount") == "60.00"
    assert page.input_value("#id_email") == "eka.retry@example.org"
    assert page.input_value("#id_name") == "Eka"
    assert page.is_checked("#id_email_consent")
    page.click("text=Continue to payment")
    page.click("text=Complete payment")
    page.wait_for_selector("text=Thank you for supporting us")
    assert Membership.objects.filter(supporter__email="eka.retry@example.org").count() == 2
    assert not [url for url in seen + [page.url] if "eka.retry" in url]


def test_a_reader_of_the_russian_edition_joins_and_manages_the_membership_in_russian(
    page, live_server, settings
):
    settings.SITE_URL = live_server.url
    story = ArticleFactory(language="ru", headline="Перевал снова открыт")
    page.goto(story.get_absolute_url())
    page.fill(".join-box input[name=email]", "nino.ru@example.org")
    page.click(".join-box button[type=submit]")
    page.fill("#id_name", "Нино")
    page.check("#id_email_consent")
    page.click("text=Перейти к оплате")
    page.wait_for_selector("text=Тестовая оплата — без настоящего платежа")
    page.click("text=Завершить оплату")
    page.wait_for_selector("text=Спасибо за поддержку")
    membership = Membership.objects.get(supporter__email="nino.ru@example.org")
    assert membership.status == "active" and membership.supporter.language == "ru"
    subjects = [message.subject for message in mail.outbox]
    assert any(subject.startswith("Добро пожаловать") for subject in subjects), subjects
    assert any(subject.startswith("Ваша квитанция") for subject in subjects), subjects

    page.click("text=«Моё членство»")
    page.fill("#id_email", "nino.ru@example.org")
    page.click("text=Прислать ссылку для входа")
    page.wait_for_selector("text=Проверьте почту")
    link = re.search(r"(http://\S+/ru/membership/sign-in/[\w-]+/)", mail.outbox[-1].body)[1]
    page.goto(link)
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Вы вошли как")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "Следующий платёж" in page.content()
