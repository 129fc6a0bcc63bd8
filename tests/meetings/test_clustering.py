"""Clusters, conflicts and proposals on hand-made calendars (no database)."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.clustering import (
    Slot,
    cluster_of,
    find_clusters,
    find_conflicts,
    free_days_between,
    propose_shifts,
)

D = datetime.date


def slot(id, conventions, start, end, city="Geneva", country="CH", status="confirmed"):
    return Slot(id=id, conventions=frozenset(conventions.split("+")), city=city,
                country=country, start=start, end=end, status=status, title=f"m{id}")


JUNE_2015 = [
    slot(1, "CCM", D(2015, 6, 22), D(2015, 6, 23)),      # CCM intersessional
    slot(2, "CCM", D(2015, 6, 24), D(2015, 6, 24)),      # CCM preparatory meeting
    slot(3, "APMBC", D(2015, 6, 25), D(2015, 6, 26)),    # APMBC intersessional
]


def test_free_days_between():
    assert free_days_between(D(2015, 6, 23), D(2015, 6, 25)) == 1
    assert free_days_between(D(2015, 6, 23), D(2015, 6, 24)) == 0
    assert free_days_between(D(2015, 6, 23), D(2015, 6, 22)) == -2


def test_june_2015_is_one_cluster_of_three_meetings_saving_two_trips():
    [cluster] = find_clusters(JUNE_2015, max_gap=3)
    assert cluster.meeting_ids == (1, 2, 3)
    assert cluster.conventions == {"CCM", "APMBC"}
    assert (cluster.start, cluster.end) == (D(2015, 6, 22), D(2015, 6, 26))
    assert cluster.trips_saved == 2
    assert cluster.travel_days_saved == 4
    assert cluster.stay_days == 5
    assert cluster.gap_days == 0


def test_november_2022_ccw_then_apmbc_the_next_week():
    calendar = [slot(1, "CCW", D(2022, 11, 16), D(2022, 11, 18)),
                slot(2, "APMBC", D(2022, 11, 21), D(2022, 11, 25))]
    [cluster] = find_clusters(calendar, max_gap=3)
    assert cluster.meeting_ids == (1, 2)
    assert cluster.gap_days == 2  # the weekend
    assert find_clusters(calendar, max_gap=1) == []  # a stricter setting splits them


def test_gap_boundary_is_inclusive():
    calendar = [slot(1, "CCM", D(2030, 3, 4), D(2030, 3, 5)),
                slot(2, "APMBC", D(2030, 3, 9), D(2030, 3, 9))]  # 6, 7, 8 free: 3 days
    assert len(find_clusters(calendar, max_gap=3)) == 1
    assert find_clusters(calendar, max_gap=2) == []


def test_meetings_of_one_convention_alone_do_not_form_a_cluster():
    assert find_clusters(JUNE_2015[:2], max_gap=3) == []


def test_outside_geneva_clusters_only_in_the_same_city():
    dubrovnik = [slot(1, "CCM", D(2015, 9, 7), D(2015, 9, 11), city="Dubrovnik", country="HR"),
                 slot(2, "APMBC", D(2015, 9, 14), D(2015, 9, 14), city="dubrovnik ",
                      country="HR")]
    [cluster] = find_clusters(dubrovnik, max_gap=3)
    assert cluster.city == "Dubrovnik"
    # The same dates, but the second meeting in Geneva: two trips, no cluster.
    split = [dubrovnik[0], slot(2, "APMBC", D(2015, 9, 14), D(2015, 9, 14))]
    assert find_clusters(split, max_gap=3) == []
    # Same city name in another country is another place.
    elsewhere = [dubrovnik[0], slot(2, "APMBC", D(2015, 9, 14), D(2015, 9, 14),
                                    city="Dubrovnik", country="US")]
    assert find_clusters(elsewhere, max_gap=3) == []


def test_a_joint_meeting_of_two_conventions():
    joint = slot(1, "CCM+APMBC", D(2030, 5, 6), D(2030, 5, 7))
    # Alone, a joint meeting is one event, not a cluster.
    assert find_clusters([joint], max_gap=3) == []
    # Followed by a CCM meeting: one trip for both conventions' business.
    calendar = [joint, slot(2, "CCM", D(2030, 5, 8), D(2030, 5, 9))]
    [cluster] = find_clusters(calendar, max_gap=3)
    assert cluster.conventions == {"CCM", "APMBC"}
    assert cluster.trips_saved == 1


def test_a_cancelled_meeting_never_clusters_nor_bridges():
    cancelled = slot(2, "APMBC", D(2015, 6, 25), D(2015, 6, 26), status="cancelled")
    assert find_clusters([JUNE_2015[0], cancelled], max_gap=3) == []
    # A cancelled meeting between two others does not chain them.
    calendar = [slot(1, "CCM", D(2030, 1, 7), D(2030, 1, 8)),
                slot(2, "CCW", D(2030, 1, 10), D(2030, 1, 12), status="cancelled"),
                slot(3, "APMBC", D(2030, 1, 16), D(2030, 1, 17))]
    assert find_clusters(calendar, max_gap=3) == []
    assert cluster_of(calendar, max_gap=3) == {}


def test_overlapping_meetings_in_the_same_city_chain():
    calendar = [slot(1, "CCM", D(2030, 1, 7), D(2030, 1, 10)),
                slot(2, "APMBC", D(2030, 1, 9), D(2030, 1, 9)),
                slot(3, "CCW", D(2030, 1, 13), D(2030, 1, 14))]
    [cluster] = find_clusters(calendar, max_gap=3)
    assert cluster.meeting_ids == (1, 2, 3)


def parties_table(table):
    return lambda code, day: table.get(code, set())


def test_conflicts_need_overlap_and_shared_parties():
    calendar = [slot(1, "CCM", D(2030, 9, 2), D(2030, 9, 4)),
                slot(2, "APMBC", D(2030, 9, 4), D(2030, 9, 6), city="Santiago", country="CL"),
                slot(3, "CCW", D(2030, 9, 3), D(2030, 9, 3), city="Vienna", country="AT"),
                slot(4, "CCM", D(2030, 9, 3), D(2030, 9, 3), status="cancelled",
                     city="Oslo", country="NO")]
    parties = parties_table({"CCM": {10, 11}, "APMBC": {11, 12}, "CCW": {99}})
    [conflict] = find_conflicts(calendar, parties=parties)
    assert (conflict.a.id, conflict.b.id) == (1, 2)
    assert conflict.shared_state_ids == {11}
    assert (conflict.overlap_start, conflict.overlap_end) == (D(2030, 9, 4), D(2030, 9, 4))
    assert conflict.same_place is False


def test_parts_of_one_event_are_not_a_conflict_but_two_conventions_in_one_place_are():
    calendar = [slot(1, "CCM", D(2030, 9, 2), D(2030, 9, 4)),
                slot(2, "CCM", D(2030, 9, 3), D(2030, 9, 3)),
                slot(3, "APMBC", D(2030, 9, 4), D(2030, 9, 5))]
    parties = parties_table({"CCM": {1}, "APMBC": {1}})
    found = [(c.a.id, c.b.id, c.same_place) for c in find_conflicts(calendar, parties=parties)]
    assert found == [(1, 3, True)]


def test_parties_are_read_on_each_meetings_own_date():
    calendar = [slot(1, "CCM", D(2030, 9, 2), D(2030, 9, 4)),
                slot(2, "APMBC", D(2030, 9, 3), D(2030, 9, 3), city="Oslo", country="NO")]
    seen = []

    def parties(code, day):
        seen.append((code, day))
        return {7}

    assert len(find_conflicts(calendar, parties=parties)) == 1
    assert set(seen) == {("CCM", D(2030, 9, 2)), ("APMBC", D(2030, 9, 3))}


def test_proposal_moves_a_meeting_by_whole_weeks_next_to_the_other():
    # CCM Mon–Tue 2 Sep 2030; APMBC Thu–Fri three weeks later: 22 free days.
    calendar = [slot(1, "CCM", D(2030, 9, 2), D(2030, 9, 3)),
                slot(2, "APMBC", D(2030, 9, 26), D(2030, 9, 27))]
    proposals = propose_shifts(calendar, max_gap=3, window_days=42, today=D(2030, 1, 1))
    by_moved = {p.moved.id: p for p in proposals}
    assert set(by_moved) == {1, 2}
    later = by_moved[2]
    assert (later.new_start, later.new_end) == (D(2030, 9, 5), D(2030, 9, 6))  # Thu–Fri
    assert later.shift_days == -21
    assert later.free_days_after == 1
    earlier = by_moved[1]
    assert (earlier.new_start, earlier.new_end) == (D(2030, 9, 23), D(2030, 9, 24))  # Mon–Tue
    # Accepting either proposal forms a cluster.
    moved = [s if s.id != 2 else slot(2, "APMBC", later.new_start, later.new_end)
             for s in calendar]
    assert len(find_clusters(moved, max_gap=3)) == 1


def test_no_proposal_for_clusters_far_meetings_other_cities_same_convention_or_cancelled():
    far = [slot(1, "CCM", D(2030, 9, 2), D(2030, 9, 3)),
           slot(2, "APMBC", D(2030, 12, 2), D(2030, 12, 3))]
    assert propose_shifts(far, max_gap=3, window_days=42) == []
    assert propose_shifts(JUNE_2015, max_gap=3, window_days=42) == []  # already a cluster
    other_city = [slot(1, "CCM", D(2030, 9, 2), D(2030, 9, 3)),
                  slot(2, "APMBC", D(2030, 9, 16), D(2030, 9, 17), city="Oslo", country="NO")]
    assert propose_shifts(other_city, max_gap=3, window_days=42) == []
    same = [slot(1, "CCM", D(2030, 9, 2), D(2030, 9, 3)),
            slot(2, "CCM", D(2030, 9, 16), D(2030, 9, 17))]
    assert propose_shifts(same, max_gap=3, window_days=42) == []
    cancelled = [slot(1, "CCM", D(2030, 9, 2), D(2030, 9, 3)),
                 slot(2, "APMBC", D(2030, 9, 16), D(2030, 9, 17), status="cancelled")]
    assert propose_shifts(cancelled, max_gap=3, window_days=42) == []


def test_held_or_past_meetings_do_not_move_and_no_move_lands_on_the_same_convention():
    calendar = [slot(1, "CCM", D(2030, 9, 2), D(2030, 9, 3), status="held"),
                slot(2, "APMBC", D(2030, 9, 16), D(2030, 9, 17))]
    [only] = propose_shifts(calendar, max_gap=3, window_days=42)
    assert only.moved.id == 2
    # Today is after the APMBC meeting's start: nothing may move.
    assert propose_shifts(calendar, max_gap=3, window_days=42, today=D(2030, 9, 16)) == []
    # An APMBC meeting already sits right after the CCM one: moving the other one there would
    # put two APMBC meetings on the same days, so it goes to the next free slot or nowhere.
    crowded = [slot(1, "CCM", D(2030, 9, 2), D(2030, 9, 3), status="held"),
               slot(3, "APMBC", D(2030, 9, 4), D(2030, 9, 7), status="held"),
               slot(2, "APMBC", D(2030, 9, 30), D(2030, 10, 1))]
    for proposal in propose_shifts(crowded, max_gap=3, window_days=42):
        assert not (proposal.new_start <= D(2030, 9, 7) and D(2030, 9, 4) <= proposal.new_end)


@st.composite
def calendars(draw):
    count = draw(st.integers(min_value=0, max_value=12))
    slots = []
    for i in range(count):
        start = D(2030, 1, 1) + datetime.timedelta(days=draw(st.integers(0, 60)))
        length = draw(st.integers(0, 4))
        slots.append(slot(i, draw(st.sampled_from(["CCM", "APMBC", "CCW", "CCM+APMBC"])),
                          start, start + datetime.timedelta(days=length),
                          city=draw(st.sampled_from(["Geneva", "Oslo"])),
                          status=draw(st.sampled_from(["confirmed", "planned", "cancelled"]))))
    return slots


@settings(max_examples=200, deadline=None)
@given(calendars(), st.integers(min_value=0, max_value=5))
def test_cluster_invariants(calendar, max_gap):
    clusters = find_clusters(calendar, max_gap=max_gap)
    seen = set()
    for cluster in clusters:
        assert len(cluster.slots) >= 2 and len(cluster.conventions) >= 2
        assert all(s.status != "cancelled" for s in cluster.slots)
        assert len({s.place for s in cluster.slots}) == 1
        end = cluster.slots[0].end
        for s in cluster.slots[1:]:
            assert free_days_between(end, s.start) <= max_gap
            end = max(end, s.end)
        assert not (seen & set(cluster.meeting_ids))  # a meeting is in one cluster at most
        seen |= set(cluster.meeting_ids)
    # Maximal: a non-clustered active meeting is not within the gap of a cluster in its place.
    for s in calendar:
        if s.id in seen or s.status == "cancelled":
            continue
        for cluster in clusters:
            if cluster.slots[0].place == s.place:
                assert (free_days_between(cluster.end, s.start) > max_gap
                        or free_days_between(s.end, cluster.start) > max_gap)


def test_overlapping_meetings_share_a_trip_but_save_none():
    """Issue 9.14: a CCM meeting moved onto an APMBC day; the cluster claimed two trips saved."""
    calendar = [slot(1, "CCW", D(2031, 9, 1), D(2031, 9, 2)),
                slot(2, "CCM", D(2031, 9, 3), D(2031, 9, 4)),
                slot(3, "APMBC", D(2031, 9, 4), D(2031, 9, 4))]
    [cluster] = find_clusters(calendar, max_gap=3)
    assert cluster.meeting_ids == (1, 2, 3)
    assert cluster.sequential_meetings == 2
    assert (cluster.trips_saved, cluster.travel_days_saved) == (1, 2)
    assert [(a.id, b.id) for a, b in cluster.overlaps] == [(2, 3)]
    assert find_clusters(calendar[1:], max_gap=3)[0].trips_saved == 0
