"""Corpus-scale coding: resumable runs into crash-safe outputs, locally or on a Dask cluster.

`dyads.scale.cluster.DaskEngine` is imported from its module, so that local runs do not load Dask.
"""

from dyads.scale.dataset import ParquetDataset
from dyads.scale.run import LocalEngine, ResumableRun

__all__ = ["LocalEngine", "ParquetDataset", "ResumableRun"]
