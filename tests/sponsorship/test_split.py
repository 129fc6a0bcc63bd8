"""The split rules on hand-made trips, and a property: shares always add up to the total."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sponsorship import split

D = Decimal
JUN = lambda day: datetime.date(2015, 6, day)  # noqa: E731


def flat(rate):
    return lambda day: D(rate)


def test_one_meeting_pays_everything():
    trip = split.TripCosting(arrival=JUN(21), departure=JUN(24), airfare=D("850.00"),
                             terminal=D("76.00"),
                             meetings=(split.MeetingStay("ccm-ism", "CCM", JUN(22), JUN(23)),),
                             rate_on=flat("398"))
    result = split.split_trip(trip)
    assert result.nights == (JUN(21), JUN(22), JUN(23))
    assert result.total == D("850.00") + D("76.00") + 3 * D("398.00")
    [share] = result.shares
    assert (share.programme, share.amount, share.night_count) == ("CCM", result.total, 3)
    assert split.savings(trip, result).saving == D("0.00")


def test_back_to_back_meetings_of_two_conventions():
    """June 2015: CCM intersessional 22-23, APMBC intersessional 24-25 (no gap here)."""
    trip = split.TripCosting(
        arrival=JUN(21), departure=JUN(26), airfare=D("1200.00"), terminal=D("80.00"),
        meetings=(split.MeetingStay("apmbc", "APMBC", JUN(24), JUN(25)),
                  split.MeetingStay("ccm", "CCM", JUN(22), JUN(23))),
        rate_on=flat("400"))
    result = split.split_trip(trip)
    ccm, apmbc = result.shares
    # the first meeting (CCM, by date) pays the journey and the nights of the 21st and 22nd
    assert (ccm.programme, ccm.airfare, ccm.terminal) == ("CCM", D("1200.00"), D("80.00"))
    assert ccm.nights == [JUN(21), JUN(22)]
    assert apmbc.nights == [JUN(23), JUN(24), JUN(25)]
    assert (ccm.amount, apmbc.amount) == (D("2080.00"), D("1200.00"))
    assert ccm.amount + apmbc.amount == result.total == D("3280.00")
    saved = split.savings(trip, result)
    # separate trips: two journeys of 1280 and three nights each = 2 * (1280 + 1200)
    assert saved.separate_total == D("4960.00")
    assert saved.saving == D("1680.00")  # one journey and one night
    assert saved.saving_by_programme == {"CCM": D("400.00"), "APMBC": D("1280.00")}


def test_pro_rata_by_days():
    trip = split.TripCosting(
        arrival=JUN(21), departure=JUN(27), airfare=D("1000.00"), terminal=D("0.01"),
        meetings=(split.MeetingStay("ccm", "CCM", JUN(22), JUN(23)),
                  split.MeetingStay("apmbc", "APMBC", JUN(24), JUN(26))),
        rate_on=flat("333.33"))
    result = split.split_trip(trip, split.PRO_RATA_DAYS)
    ccm, apmbc = result.shares
    assert result.total == D("1000.01") + 6 * D("333.33")
    # 2 days against 3 days
    assert ccm.airfare == D("400.00") and apmbc.airfare == D("600.00")
    assert ccm.amount + apmbc.amount == result.total
    # 2/5 of the DSA (1999.98) is 799.992: 799.99, the odd centimes go to the larger remainders
    assert (ccm.dsa, ccm.terminal, ccm.amount) == (D("799.99"), D("0.00"), D("1199.99"))
    assert (apmbc.dsa, apmbc.terminal) == (D("1199.99"), D("0.01"))


def test_gap_day_goes_to_the_meeting_just_held():
    """CCM 22-23, a free day on the 24th (the CCM preparatory meeting of 2015 is left out),
    APMBC 25-26: the night of the 23rd follows the CCM meeting, the 24th leads to APMBC."""
    trip = split.TripCosting(
        arrival=JUN(21), departure=JUN(27), airfare=D("900.00"), terminal=D("0.00"),
        meetings=(split.MeetingStay("ccm", "CCM", JUN(22), JUN(23)),
                  split.MeetingStay("apmbc", "APMBC", JUN(25), JUN(26))),
        rate_on=flat("400"))
    result = split.split_trip(trip)
    ccm, apmbc = result.shares
    assert ccm.nights == [JUN(21), JUN(22), JUN(23)]
    assert apmbc.nights == [JUN(24), JUN(25), JUN(26)]
    assert result.total == D("900.00") + 6 * D("400.00")
    saved = split.savings(trip, result)
    assert saved.separate_total == 2 * (D("900.00") + 3 * D("400.00"))
    assert saved.saving == D("900.00")  # the gap night costs what a second arrival would


def test_cancelled_meeting_is_ignored_and_its_programme_pays_nothing():
    trip = split.TripCosting(
        arrival=JUN(21), departure=JUN(26), airfare=D("700.00"), terminal=D("50.00"),
        meetings=(split.MeetingStay("ccm", "CCM", JUN(22), JUN(23), cancelled=True),
                  split.MeetingStay("apmbc", "APMBC", JUN(24), JUN(25))),
        rate_on=flat("300"))
    result = split.split_trip(trip)
    [apmbc] = result.shares
    assert apmbc.programme == "APMBC"
    assert apmbc.airfare == D("700.00")  # the first meeting still held pays the journey
    assert apmbc.amount == result.total == D("750.00") + 5 * D("300.00")
    assert split.savings(trip, result).saving == 0


def test_only_cancelled_meetings_cannot_be_split():
    trip = split.TripCosting(
        arrival=JUN(21), departure=JUN(24), airfare=D("1"), terminal=D("0"),
        meetings=(split.MeetingStay("ccm", "CCM", JUN(22), JUN(23), cancelled=True),),
        rate_on=flat("1"))
    with pytest.raises(split.SplitError, match="no meeting"):
        split.split_trip(trip)


def test_rates_changing_mid_stay_apply_night_by_night():
    """The Geneva DSA changes on 1 July: nights from then on are paid at the new rate."""
    def rate(day):
        return D("400.00") if day < datetime.date(2015, 7, 1) else D("421.00")

    trip = split.TripCosting(
        arrival=JUN(28), departure=datetime.date(2015, 7, 3), airfare=D("600.00"),
        terminal=D("0.00"),
        meetings=(split.MeetingStay("ccm", "CCM", JUN(29), JUN(30)),
                  split.MeetingStay("apmbc", "APMBC", datetime.date(2015, 7, 1),
                                    datetime.date(2015, 7, 2))),
        rate_on=rate)
    result = split.split_trip(trip)
    ccm, apmbc = result.shares
    assert ccm.nights == [JUN(28), JUN(29)] and ccm.dsa == D("800.00")
    assert apmbc.nights == [JUN(30), datetime.date(2015, 7, 1), datetime.date(2015, 7, 2)]
    assert apmbc.dsa == D("400.00") + D("421.00") + D("421.00")
    assert result.dsa_total == D("2042.00")


def test_stay_must_cover_each_meeting():
    trip = split.TripCosting(arrival=JUN(23), departure=JUN(24), airfare=D("1"),
                             terminal=D("0"),
                             meetings=(split.MeetingStay("m", "P", JUN(22), JUN(23)),),
                             rate_on=flat("1"))
    with pytest.raises(split.SplitError, match="does not cover"):
        split.split_trip(trip)


amounts = st.decimals(min_value=0, max_value=20000, places=2, allow_nan=False,
                      allow_infinity=False)


@st.composite
def trips(draw):
    start = datetime.date(2020, 1, 1) + datetime.timedelta(days=draw(st.integers(0, 1500)))
    meetings, cursor = [], start
    for i in range(draw(st.integers(1, 4))):
        cursor += datetime.timedelta(days=draw(st.integers(0, 3)))
        length = draw(st.integers(1, 5))
        end = cursor + datetime.timedelta(days=length - 1)
        meetings.append(split.MeetingStay(f"m{i}", draw(st.sampled_from(["CCM", "APMBC", "CCW"])),
                                          cursor, end, cancelled=draw(st.booleans()) and i > 0))
        cursor = end + datetime.timedelta(days=1)
    arrival = start - datetime.timedelta(days=draw(st.integers(0, 2)))
    departure = cursor + datetime.timedelta(days=draw(st.integers(0, 2)))
    rates = draw(st.lists(amounts, min_size=1, max_size=5))
    return split.TripCosting(
        arrival=arrival, departure=departure, airfare=draw(amounts), terminal=draw(amounts),
        meetings=tuple(meetings), rate_on=lambda day: rates[day.toordinal() % len(rates)])


@settings(max_examples=300, deadline=None)
@given(trip=trips(), rule=st.sampled_from(split.RULES))
def test_shares_always_add_up_to_the_total(trip, rule):
    result = split.split_trip(trip, rule)
    assert sum(s.amount for s in result.shares) == result.total
    assert all(s.amount >= 0 and s.amount == s.airfare + s.terminal + s.dsa
               for s in result.shares)
    # each programme appears once, and only programmes of meetings still held
    active = {m.programme for m in trip.meetings if not m.cancelled}
    assert [s.programme for s in result.shares] == list(dict.fromkeys(
        m.programme for m in split.active_meetings(trip.meetings)))
    assert set(s.programme for s in result.shares) <= active
    # every night is paid exactly once
    assert sorted(n for s in result.shares for n in s.nights) == list(result.nights)
    assert result.total == (trip.airfare + trip.terminal
                            + sum(trip.rate_on(n) for n in result.nights))


def test_arriving_on_the_first_day_and_leaving_on_the_last():
    """The separate trips keep the delegate's own arrival and departure at the ends of the
    stay: the CCM trip arrives on its first day too, the APMBC trip leaves on its last day."""
    trip = split.TripCosting(
        arrival=JUN(22), departure=JUN(26), airfare=D("900.00"), terminal=D("0.00"),
        meetings=(split.MeetingStay("ccm", "CCM", JUN(22), JUN(23)),
                  split.MeetingStay("apmbc", "APMBC", JUN(25), JUN(26))),
        rate_on={JUN(day): D("400.00") for day in (22, 23, 24, 25)}.__getitem__)
    result = split.split_trip(trip)
    assert result.total == D("900.00") + 4 * D("400.00")
    meetings = split.active_meetings(trip.meetings)
    assert split.separate_stay(trip, meetings, 0) == (JUN(22), JUN(24))
    assert split.separate_stay(trip, meetings, 1) == (JUN(24), JUN(26))
    saved = split.savings(trip, result)
    assert saved.separate_by_programme == {"CCM": D("1700.00"), "APMBC": D("1700.00")}
    assert saved.saving == D("900.00")  # one journey


def test_a_night_without_a_rate_is_a_missing_rate_naming_the_night():
    trip = split.TripCosting(
        arrival=JUN(21), departure=JUN(24), airfare=D("1"), terminal=D("0"),
        meetings=(split.MeetingStay("m", "P", JUN(22), JUN(23)),),
        rate_on={JUN(21): D("1"), JUN(23): D("1")}.__getitem__)
    with pytest.raises(split.MissingRate) as error:
        split.split_trip(trip)
    assert error.value.night == JUN(22)
    assert str(error.value) == "No DSA rate for the night of 2015-06-22."


@st.composite
def stays_around_meetings(draw):
    """Two to four meetings back to back or with gaps; an arrival from four days before the
    first meeting to its last day; a departure from the first meeting's first day to four days
    after the last meeting; the DSA known only for the trip's own nights (as the service reads
    it), sometimes with one night missing."""
    cursor = datetime.date(2026, 1, 1) + datetime.timedelta(days=draw(st.integers(0, 800)))
    meetings = []
    for i in range(draw(st.integers(2, 4))):
        if i:
            cursor += datetime.timedelta(days=1 + draw(st.integers(0, 4)))  # free days
        end = cursor + datetime.timedelta(days=draw(st.integers(0, 3)))
        meetings.append(split.MeetingStay(
            f"m{i}", draw(st.sampled_from(["CCM", "APMBC", "CCW"])), cursor, end,
            cancelled=i > 0 and draw(st.integers(0, 4)) == 0))
        cursor = end
    first, last = meetings[0], meetings[-1]
    arrival = first.start + datetime.timedelta(days=draw(st.integers(-4, first.days - 1)))
    departure = first.start + datetime.timedelta(
        days=draw(st.integers(0, (last.end - first.start).days + 4)))
    nights = split.nights_between(arrival, departure)
    rates = {night: draw(amounts.filter(lambda a: a > 0)) for night in nights}
    missing = None
    if nights and draw(st.booleans()) and draw(st.booleans()):
        missing = draw(st.sampled_from(nights))
        del rates[missing]
    trip = split.TripCosting(arrival=arrival, departure=departure, airfare=draw(amounts),
                             terminal=draw(amounts), meetings=tuple(meetings),
                             rate_on=rates.__getitem__)
    return trip, missing


def _longest_wait(meetings) -> int:
    """The most free days between one meeting (or overlapping run) and the next."""
    longest, until = 0, meetings[0].end
    for meeting in meetings[1:]:
        longest = max(longest, (meeting.start - until).days - 1)
        until = max(until, meeting.end)
    return longest


@settings(max_examples=500, deadline=None)
@given(case=stays_around_meetings(), rule=st.sampled_from(split.RULES))
def test_any_arrival_and_departure_around_the_meetings_costs(case, rule):
    trip, missing = case
    meetings = split.active_meetings(trip.meetings)
    covers = trip.departure > trip.arrival and all(
        trip.arrival <= m.start and m.end <= trip.departure for m in meetings)
    if not covers or missing is not None:
        # the only refusals: a stay that misses part of a meeting, or a night with no rate
        with pytest.raises(split.SplitError) as error:
            split.savings(trip, split.split_trip(trip, rule))
        if covers:
            assert isinstance(error.value, split.MissingRate)
            assert error.value.night == missing
        else:
            assert not isinstance(error.value, split.MissingRate)
        return

    result = split.split_trip(trip, rule)
    saved = split.savings(trip, result)  # never asks for a rate outside the trip
    assert sum(s.amount for s in result.shares) == result.total
    assert sorted(n for s in result.shares for n in s.nights) == list(result.nights)
    assert sum(saved.saving_by_programme.values()) == saved.saving
    assert sum(saved.separate_by_programme.values()) == saved.separate_total
    assert saved.shared_total == result.total
    journey = trip.airfare + trip.terminal
    if len(meetings) == 1:  # the others were cancelled: nothing shared, nothing saved
        assert saved.saving == 0
        return
    # each separate trip's nights are nights of the shared trip; the saving is exactly the
    # journeys saved, plus nights separate trips pay twice, minus waits no separate trip has
    counted = dict.fromkeys(result.nights, 0)
    for index in range(len(meetings)):
        arrival, departure = split.separate_stay(trip, meetings, index)
        assert trip.arrival <= arrival < departure <= trip.departure
        assert arrival <= meetings[index].start and meetings[index].end <= departure
        for night in split.nights_between(arrival, departure):
            counted[night] += 1
    rate = trip.rate_on
    assert saved.saving == ((len(meetings) - 1) * journey
                            + sum(rate(n) * (c - 1) for n, c in counted.items() if c > 1)
                            - sum(rate(n) for n, c in counted.items() if c == 0))
    if _longest_wait(meetings) <= 1:
        assert saved.saving >= (len(meetings) - 1) * journey >= 0
