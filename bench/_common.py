"""What the benchmarks share."""

from __future__ import annotations

import functools
import os


@functools.cache
def installed_env() -> dict[str, str]:
    """The environment of an installed package, for timing fresh `kehoach`
    processes: kehoach's byte code compiled once and kept, as pip does on
    install. (An environment with PYTHONDONTWRITEBYTECODE, like this
    development machine's, would otherwise recompile every module on every
    run and add ~60 ms that no user pays.)"""
    import compileall

    import kehoach

    compileall.compile_dir(os.path.dirname(kehoach.__file__), quiet=1)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
