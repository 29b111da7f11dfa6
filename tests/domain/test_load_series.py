"""EWMA (Williams 2017), the TrainingPeaks PMC, and Foster monotony and strain.

Test vectors from /work/shared/knowledge/training.md §3, checked by hand in the comments.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niggle.domain.load_series import (
    ewma,
    ewma_loop,
    last_window,
    load_curves,
    monotony_and_strain,
    pmc_lambda,
    williams_lambda,
)


def test_williams_lambdas() -> None:
    assert williams_lambda(7) == 0.25
    assert williams_lambda(28) == pytest.approx(0.069, abs=5e-4)  # 2/29 = 0.0690


def test_ewma_by_hand() -> None:
    # lambda 0.25: 0.25 x 100 = 25; 0.75 x 25 = 18.75; 0.25 x 200 + 0.75 x 18.75 = 64.0625.
    assert ewma([100, 0, 200], 0.25).tolist() == [25.0, 18.75, 64.0625]


def test_ctl_after_42_days_of_100_is_63_65() -> None:
    # TrainingPeaks: CTL_t = CTL_{t-1} + (100 - CTL_{t-1})/42 -> 100 x (1 - (41/42)^42).
    ctl = ewma(np.full(42, 100.0), pmc_lambda(42))
    assert ctl[-1] == pytest.approx(63.65, abs=0.005)
    # GoldenCheetah's 1 - e^(-1/42) constant would give 63.21 instead.
    assert ctl[-1] - 63.21 > 0.4


def test_atl_after_7_days_of_100_is_66_01() -> None:
    atl = ewma(np.full(7, 100.0), pmc_lambda(7))
    assert atl[-1] == pytest.approx(66.01, abs=0.005)


def test_tsb_is_yesterdays_ctl_minus_yesterdays_atl() -> None:
    curves = load_curves(np.full(42, 100.0))
    assert curves.tsb[0] == 0.0
    assert curves.tsb[1:].tolist() == pytest.approx((curves.ctl[:-1] - curves.atl[:-1]).tolist())
    # Day 2: CTL(day 1) = 100/42 = 2.381, ATL(day 1) = 100/7 = 14.286 -> TSB -11.905.
    assert curves.tsb[1] == pytest.approx(100 / 42 - 100 / 7)


def test_acwr_is_acute_over_chronic_and_undefined_without_chronic_load() -> None:
    curves = load_curves(np.array([0.0, 0.0, 100.0]))
    assert math.isnan(curves.acwr[0])
    assert curves.acwr[2] == pytest.approx(0.25 / (2 / 29))


def test_ewma_of_nothing_is_nothing() -> None:
    assert ewma([], 0.25).size == 0
    assert load_curves(np.zeros(0)).tsb.size == 0


@pytest.mark.parametrize("lam", [0.0, -0.1, 1.5])
def test_ewma_refuses_impossible_lambdas(lam: float) -> None:
    with pytest.raises(ValueError, match="lambda"):
        ewma([1.0], lam)


def test_ewma_with_lambda_one_is_the_series_itself() -> None:
    assert ewma([3.0, 5.0], 1.0).tolist() == [3.0, 5.0]


def test_ewma_stays_exact_across_many_blocks() -> None:
    # Ten years of days crosses the closed form's block boundary several times for 0.25.
    loads = np.random.default_rng(7).gamma(2.0, 60.0, 3653)
    for lam in (0.25, 2 / 29, 1 / 42, 1 / 7, 0.9):
        assert np.allclose(ewma(loads, lam), ewma_loop(loads.tolist(), lam), rtol=1e-10)


@settings(deadline=None)  # a busy shared machine must not make this flaky
@given(
    st.lists(st.floats(0, 2000, allow_nan=False), max_size=400),
    st.floats(0.001, 1.0),
    st.floats(0, 500),
)
def test_vectorised_ewma_equals_the_plain_loop(
    values: list[float], lam: float, start: float
) -> None:
    fast = ewma(values, lam, start)
    slow = ewma_loop(values, lam, start)
    assert np.allclose(fast, slow, rtol=1e-9, atol=1e-9)


def test_monotony_and_strain_test_week() -> None:
    # Mean 350; squared deviations sum 385,000; /7 = 55,000; SD 234.52 (population).
    week = monotony_and_strain([600, 200, 400, 500, 100, 650, 0])
    assert week.week_load == 2450
    assert week.sd == pytest.approx(234.52, abs=0.005)
    assert week.monotony == pytest.approx(1.49, abs=0.005)
    assert week.strain == pytest.approx(3656, abs=1)
    # The sample SD (ddof=1) would give 1.38: niggle must not use it.
    assert abs(week.monotony - 350 / np.std([600, 200, 400, 500, 100, 650, 0], ddof=1)) > 0.1


def test_monotony_of_identical_days_is_undefined() -> None:
    same = monotony_and_strain([80.0] * 7)
    assert same.monotony is None
    assert same.strain is None
    rest = monotony_and_strain([0.0] * 7)
    assert rest.monotony is None
    assert rest.strain == 0.0


def test_last_window_pads_missing_days_as_rest() -> None:
    assert last_window(np.array([5.0, 6.0]), 4).tolist() == [0.0, 0.0, 5.0, 6.0]
    assert last_window(np.arange(10.0), 3).tolist() == [7.0, 8.0, 9.0]
