"""The value types' shortcuts say what their definitions say."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from timeline.model import Day, Month, TimeValue, Year

_PART = st.none() | st.integers(min_value=1, max_value=28)
_YEAR = st.none() | st.integers(min_value=1, max_value=9999)


@given(
    st.one_of(
        st.builds(Day, _YEAR, _PART, _PART),
        st.builds(Month, _YEAR, _PART),
        st.builds(Year, _YEAR),
    )
)
def test_is_complete_is_no_unknown_part_in_the_timex(value: TimeValue) -> None:
    assert value.is_complete == ("X" not in value.timex)
