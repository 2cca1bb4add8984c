import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded files of a test go to a fresh folder, never into var/media.
    settings.MEDIA_ROOT = tmp_path / "media"
