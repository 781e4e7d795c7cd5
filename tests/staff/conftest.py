import pytest
from django.contrib.auth import get_user_model

from tests.articles.desk import PASSWORD, desk_user


@pytest.fixture
def editor():
    return desk_user("Editor")


@pytest.fixture
def reporter():
    return desk_user("Reporter")


@pytest.fixture
def manager():
    return desk_user("Membership manager", username="manager")


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("chief", "chief@example.org", PASSWORD)
