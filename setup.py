"""Packaging glue that ``pyproject.toml`` cannot say (all other metadata lives there).

The repository keeps its shipped defaults in the top-level ``configs/`` folder (the default
configs and the tag data: gazetteer, word lists, topics, categories). Installed, that folder is
the package ``transforms.defaults``, so a worker anywhere reads the data from its own installed
copy through ``importlib.resources`` (references ``pkg://transforms.defaults/...``, see
:mod:`transforms.datafiles`); the editable install maps the same name onto ``configs/``.

Every file of ``configs/`` and its subfolders is installed (a new data folder needs no change
here), except ``gazetteer/curated/``: build input for ``scripts/build_gazetteer.py``, not
runtime data. The code packages are found as pyproject's ``packages.find`` would (``pipeline*``,
``transforms*``); that table cannot be combined with a ``package-dir`` entry for one package,
hence this file.
"""
import os

from setuptools import find_namespace_packages, setup

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIGS = 'configs'
DEFAULTS = 'transforms.defaults'
NOT_INSTALLED = {'curated', '__pycache__'}


def defaults_packages() -> tuple[list[str], dict[str, list[str]]]:
    """The ``transforms.defaults`` packages (one per folder of ``configs/``) and their files."""
    packages, data = [], {}
    root = os.path.join(HERE, CONFIGS)
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in NOT_INSTALLED)
        rel = os.path.relpath(folder, root)
        parts = [] if rel == os.curdir else rel.split(os.sep)
        if not all(part.isidentifier() for part in parts):
            raise SystemExit(f'{CONFIGS}/{rel}: a data folder name must be a Python identifier')
        name = '.'.join([DEFAULTS, *parts])
        packages.append(name)
        data[name] = sorted(f for f in files if not f.endswith(('.py', '.pyc')))
    return packages, data


PACKAGES, PACKAGE_DATA = defaults_packages()

setup(
    packages=find_namespace_packages(include=['pipeline', 'pipeline.*',
                                              'transforms', 'transforms.*']) + PACKAGES,
    package_dir={DEFAULTS: CONFIGS},
    package_data=PACKAGE_DATA,
)
