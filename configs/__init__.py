"""The shipped defaults, installed as the package ``transforms.defaults`` (see ``setup.py``).

``local.yaml`` is the embedded default config; ``gazetteer/``, ``topics.yaml`` and
``categories.yaml`` are the tag stage's default data, named in settings as
``pkg://transforms.defaults/...`` so that every worker reads its own installed copy.
``gazetteer/curated/`` is build input for ``scripts/build_gazetteer.py`` and is not installed.
"""
