"""Running ``analyze`` beyond one process: its per-document stages on a Dask cluster.

>>> from newsprism.distributed import DaskExecutor  # doctest: +SKIP
>>> with DaskExecutor.start("local", workers=2) as executor:  # doctest: +SKIP
...     analyze(["corpus/"], store, executor=executor)

Needs the ``[distributed]`` extra (``pip install 'newsprism[distributed]'``); importing this
package does not import Dask, starting an executor does.
"""

from __future__ import annotations

from newsprism.distributed.executor import DEFAULT_PARTITION, DaskExecutor, RemoteNLP

__all__ = ["DEFAULT_PARTITION", "DaskExecutor", "RemoteNLP"]
