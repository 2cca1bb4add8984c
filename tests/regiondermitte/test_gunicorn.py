"""The production server's configuration (regiondermitte/gunicorn.conf.py)."""

import gc
import runpy
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parents[2] / "regiondermitte" / "gunicorn.conf.py"


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()


def test_the_objects_loaded_before_the_workers_fork_are_frozen(unfrozen):
    """A full collection in a worker then scans only what the worker made, not the
    application the master loaded (a pause of 70–80 ms a time, measured). The
    collector stays on: the configuration is read again when gunicorn reloads
    (SIGHUP), and workers forked then must collect too."""
    config = runpy.run_path(str(CONFIG))
    config["when_ready"](server=None)

    assert gc.isenabled()
    assert gc.get_freeze_count() > 10_000
