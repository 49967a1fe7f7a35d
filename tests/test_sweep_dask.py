"""The dask backend gives the numpy backend's results, on a small local cluster."""

import numpy as np
import pytest
import xarray as xr

distributed = pytest.importorskip("dask.distributed")

from escalation.analysis import sweep  # noqa: E402
from escalation.analysis.sweep import equilibrium_names, outcome_names  # noqa: E402
from escalation.errors import ParameterError  # noqa: E402

OVER = {"F": np.linspace(0.0, 300.0, 25), "g": np.linspace(0.0, 3.0, 7)}  # F = 150, g = 2 is a knife edge


def test_a_temporary_local_cluster_is_made_when_no_client_is_active():  # runs first, before the module's client exists
    with pytest.raises(ValueError, match="No clients found"):
        distributed.Client.current()
    expected = sweep("tripwire", over={"F": [50.0, 150.0, 250.0]})
    got = sweep("tripwire", over={"F": [50.0, 150.0, 250.0]}, backend="dask", chunks=2)
    xr.testing.assert_identical(without_backend(got), without_backend(expected))


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=2,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as c:
        yield c


def without_backend(ds):
    return ds.drop_attrs()


def test_dask_equals_numpy_on_a_cluster(client):
    expected = sweep("tripwire", over=OVER)
    got = sweep("tripwire", over=OVER, backend="dask", chunks=(7, 3), client=client)
    xr.testing.assert_identical(without_backend(got), without_backend(expected))
    assert got.attrs["backend"] == "dask"
    assert bool(got.knife_edge.sel(F=150.0, g=2.0))


def test_lazy_dask_dataset_computes_to_the_same_values(client):
    expected = sweep("tripwire", over=OVER)
    lazy = sweep("tripwire", over=OVER, backend="dask", chunks=10, lazy=True)
    assert lazy.payoff.chunks is not None
    xr.testing.assert_identical(without_backend(lazy.compute()), without_backend(expected))


@pytest.mark.parametrize("chunks", [0, (5, 5, 5)])
def test_bad_chunks(chunks):
    with pytest.raises(ParameterError) as err:
        sweep("tripwire", over=OVER, backend="dask", chunks=chunks, lazy=True)
    assert err.value.parameter == "chunks"


def test_outcome_only_on_dask(client):
    expected = sweep("tripwire", over=OVER, outcome_only=True)
    got = sweep("tripwire", over=OVER, backend="dask", chunks=8, client=client, outcome_only=True)
    xr.testing.assert_identical(without_backend(got), without_backend(expected))


CLOSED_GRIDS = {
    "unilateral": {"p_Def": [0.1, 0.25, 1 / 3, 0.45, 0.5, 0.9], "p_Ch": [0.25, 0.5, 0.75]},
    "escalation-one-sided": {"p_HH": [0.1, 0.25, 0.5], "p_HS": [0.05, 0.1, 0.2]},
}


@pytest.mark.parametrize("name", sorted(CLOSED_GRIDS))
def test_pbe_sweeps_on_dask_equal_numpy(client, name):
    over = CLOSED_GRIDS[name]
    expected = sweep(name, over=over)
    got = sweep(name, over=over, backend="dask", chunks=2, client=client)
    assert got.attrs["method"].startswith("equilibrium shapes from exact solves")   # the generic PBE path
    assert got.attrs["backend"] == "dask"
    assert outcome_names(got).values.tolist() == outcome_names(expected).values.tolist()
    assert equilibrium_names(got).values.tolist() == equilibrium_names(expected).values.tolist()
    for variable in ("knife_edge", "equilibria", "payoff", "outcome_probability", "action_probability"):
        xr.testing.assert_identical(got[variable].drop_vars("play", errors="ignore"),
                                    expected[variable].drop_vars("play", errors="ignore"))


def test_a_lazy_closed_form_sweep_is_reduced_chunk_by_chunk(client):
    lazy = sweep("unilateral", over={"p_Def": np.linspace(0.01, 0.99, 99), "p_Ch": np.linspace(0.01, 0.99, 50)},
                 backend="dask", chunks=20, lazy=True, outcome_only=True)
    assert lazy.outcome.data.npartitions == 5 * 3
    code = list(lazy.equilibrium_name.values).index("Certain Deterrence")
    deterred = (lazy.equilibrium == code).mean("p_Ch").compute()
    # Certain Deterrence iff p_Def > alpha_H = 1/2 with the defaults
    assert deterred.sel(p_Def=slice(0.51, 1)).values.tolist() == [1.0] * 49
    assert deterred.sel(p_Def=slice(0, 0.49)).values.tolist() == [0.0] * 49
