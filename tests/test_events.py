"""Events from hand-built mentions: titles, places, categories, ids, inference, fusion.

These tests build their Mentions by hand (see :func:`at`) so that they do not depend on
the extractor; the end-to-end tests over the seeds are in ``test_timeline.py``.
"""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import attrs
import pytest

from timeline.calendar import interval_of, zone
from timeline.errors import InvalidArgumentError
from timeline.events import (
    Category,
    Event,
    Source,
    Vocabulary,
    events_from_mentions,
    fold,
    fuse,
    sentence_spans,
    similarity,
)
from timeline.model import (
    Day,
    Duration,
    Mention,
    Month,
    Range,
    Recurrence,
    TimeOfDay,
    TimeValue,
    Unit,
    Weekday,
    Year,
)

TZ = "Asia/Ho_Chi_Minh"


def at(text: str, phrase: str, value: TimeValue, *, occurrence: int = 0,
       interval: bool = True, tz: str = TZ) -> Mention:
    """A Mention of ``phrase`` (its ``occurrence``-th appearance) in ``text``, with its
    interval in ``tz`` (none if ``interval`` is false)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Mention(text=phrase, start=start, end=start + len(phrase), value=value,
                   interval=interval_of(value, zone(tz)) if interval else None)


def one(document: str, text: str, *mentions: Mention) -> Event:
    events = events_from_mentions(document, text, mentions)
    assert len(events) == 1, events
    return events[0]


# --- text helpers ----------------------------------------------------------------------------


def test_fold_drops_diacritics_and_keeps_offsets() -> None:
    text = "Đoàn ĐẠI BIỂU thăm Nhật Bản, ký kết"
    assert fold(text) == "doan dai bieu tham nhat ban, ky ket"
    assert len(fold(text)) == len(text)


def test_sentences_split_on_stops_and_lines_not_on_abbreviations_or_numbers() -> None:
    text = ("Năm 2023, Thủ đô thu hút 2,85 tỷ USD. Tại TP. Hồ Chí Minh, đoàn làm việc.\n"
            "Tiêu đề không dấu chấm\n\n“Câu trích.” Ông nói.")
    sentences = [text[s:e] for s, e in sentence_spans(text)]
    assert sentences == [
        "Năm 2023, Thủ đô thu hút 2,85 tỷ USD.",
        "Tại TP. Hồ Chí Minh, đoàn làm việc.",
        "Tiêu đề không dấu chấm",
        "“Câu trích.”",
        "Ông nói.",
    ]


# --- titles, places, categories ---------------------------------------------------------------

JETRO = ("* Cùng ngày 16-10, Chủ tịch JETRO, ông Ishiguro Norihiko, đã tiếp Đoàn đại biểu cấp "
         "cao thành phố Hà Nội do Chủ tịch UBND thành phố Hà Nội Trần Sỹ Thanh dẫn đầu. "
         "Chủ tịch JETRO gửi lời chào nồng nhiệt đến đoàn công tác của Thủ đô Hà Nội.")


def test_title_is_the_main_clause_without_time_apposition_agent_and_aspect() -> None:
    event = one("d", JETRO, at(JETRO, "Cùng ngày 16-10", Day(2024, 10, 16)))
    assert event.title == "Chủ tịch JETRO tiếp Đoàn đại biểu cấp cao thành phố Hà Nội"
    assert event.sentence.startswith("* Cùng ngày 16-10, Chủ tịch JETRO")
    assert event.sentence.endswith("dẫn đầu.")
    assert event.category is Category.MEETING
    assert event.sources == (Source("d", 2, 17),)
    assert event.interval == interval_of(Day(2024, 10, 16), zone(TZ))


KANAGAWA = ("* Cũng trong khuôn khổ chuyến công tác Nhật Bản, ngày 17-10, tại trụ sở chính "
            "quyền tỉnh Kanagawa, Chủ tịch UBND thành phố Trần Sỹ Thanh đã có cuộc hội kiến với "
            "Thống đốc tỉnh Kanagawa, ông Kuroiwa Yuji; ký kết Bản ghi nhớ về thiết lập quan hệ "
            "hữu nghị và hợp tác giữa UBND thành phố Hà Nội với chính quyền tỉnh Kanagawa.")


def test_location_is_the_tai_phrase_up_to_the_clause_boundary() -> None:
    event = one("d", KANAGAWA, at(KANAGAWA, "ngày 17-10", Day(2024, 10, 17)))
    assert event.location == "tại trụ sở chính quyền tỉnh Kanagawa"
    assert event.place == "trụ sở chính quyền tỉnh Kanagawa"
    assert event.title == ("Chủ tịch UBND thành phố Trần Sỹ Thanh có cuộc hội kiến với "
                           "Thống đốc tỉnh Kanagawa")
    # both a meeting and a signing: the title decides the first, the sentence adds the rest
    assert event.categories[:2] == (Category.MEETING, Category.SIGNING)


def test_a_time_inside_a_frame_belongs_to_the_frame_noun() -> None:
    text = ("Trong khuôn khổ chuyến thăm và làm việc tại Nhật Bản từ ngày 15 đến 18-10, Đoàn đại "
            "biểu cấp cao thành phố Hà Nội do Chủ tịch UBND thành phố dẫn đầu đã thực hiện một "
            "loạt cuộc gặp làm việc.")
    event = one("d", text, at(text, "từ ngày 15 đến 18-10",
                              Range(Day(2024, 10, 15), Day(2024, 10, 18))))
    assert event.title == "Chuyến thăm và làm việc tại Nhật Bản"
    assert event.location == "tại Nhật Bản"
    assert event.category is Category.VISIT


def test_festival_plan_with_trailing_time_words_and_a_following_clause() -> None:
    text = ("Theo kế hoạch, Lễ hội Kanagawa sẽ diễn ra tại Thủ đô Hà Nội trong hai ngày 16 và "
            "17-11 tới và Thống đốc Kuroiwa Yuji hy vọng đây sẽ là cơ hội hợp tác.")
    event = one("d", text, at(text, "16 và 17-11 tới", Range(Day(2024, 11, 16), Day(2024, 11, 17))))
    assert event.title == "Lễ hội Kanagawa diễn ra tại Thủ đô Hà Nội"
    assert event.location == "tại Thủ đô Hà Nội"
    assert event.categories[0] is Category.FESTIVAL
    assert Category.PLAN in event.categories


@pytest.mark.parametrize(("text", "phrase", "value", "title"), [
    # subject, time, predicate
    ("Điều này thể hiện qua con số cụ thể, vốn đầu tư nước ngoài của Hà Nội năm 2019 đạt "
     "8,67 tỷ USD, cao nhất sau hơn 30 năm.", "năm 2019", Year(2019),
     "Vốn đầu tư nước ngoài của Hà Nội đạt 8,67 tỷ USD"),
    # a date in parentheses belongs to the noun before it
    ("Hà Nội tổ chức thành công các sự kiện quốc tế lớn, như Hội nghị Thượng đỉnh Hoa Kỳ - "
     "Triều Tiên lần thứ hai (tháng 2-2019), hay gần đây là các hội nghị khác.", "tháng 2-2019",
     Month(2019, 2), "Hội nghị Thượng đỉnh Hoa Kỳ - Triều Tiên lần thứ hai"),
    # a time that is the subject
    ("Năm 2024 được thành phố xác định là năm có ý nghĩa then chốt.", "Năm 2024", Year(2024),
     "Năm 2024 được thành phố xác định là năm có ý nghĩa then chốt"),
    # "X là Hội nghị …" and "với hơn …" details
    ("Sự kiện nổi bật do Hà Nội chủ trì là Hội nghị hợp tác Việt - Pháp lần thứ 12 vào tháng "
     "4-2023 với hơn 800 đại biểu tham dự.", "tháng 4-2023", Month(2023, 4),
     "Hội nghị hợp tác Việt - Pháp lần thứ 12"),
    # a list cut by commas gets its head back; "do … đăng cai tổ chức" goes
    ("Hội nghị hợp tác giữa các tỉnh, thành phố hành lang kinh tế Việt - Trung do Hà Nội "
     "đăng cai tổ chức vào tháng 11-2023.", "tháng 11-2023", Month(2023, 11),
     "Hội nghị hợp tác giữa các tỉnh, thành phố hành lang kinh tế Việt - Trung"),
    # a time after "nhưng" starts another clause
    ("Những năm 2000, đầu tư chủ yếu tập trung vào chế tạo, sản xuất nhưng từ năm 2010, "
     "hoạt động đầu tư đã mở rộng sang các ngành bán lẻ.", "năm 2010", Year(2010),
     "Hoạt động đầu tư mở rộng sang các ngành bán lẻ"),
    # an invented sentence: a fronted time and place, then the main clause
    ("Sáng 20-11, tại Hà Nội, Bộ trưởng Bộ Ngoại giao đã tiếp Đại sứ Pháp nhằm thúc đẩy hợp "
     "tác.", "20-11", Day(2024, 11, 20), "Bộ trưởng Bộ Ngoại giao tiếp Đại sứ Pháp"),
])
def test_titles(text: str, phrase: str, value: TimeValue, title: str) -> None:
    assert one("d", text, at(text, phrase, value)).title == title


def test_categories_are_matched_without_accents() -> None:
    text = "Ngay 17-10, hai ben da ky ket ban ghi nho hop tac tai Tokyo."
    event = one("d", text, at(text, "Ngay 17-10", Day(2024, 10, 17)))
    assert event.category is Category.SIGNING
    assert event.location == "tai Tokyo"


def test_no_keyword_is_other() -> None:
    text = "Ngày 17-10, trời mưa rất to ở khắp nơi."
    assert one("d", text, at(text, "Ngày 17-10", Day(2024, 10, 17))).categories == (
        Category.OTHER,)


def test_a_byline_is_no_event() -> None:
    text = "Quỳnh Dương 17/01/2024 06:56\nNăm 2023, Hà Nội thu hút 2,6 tỷ USD vốn FDI."
    events = events_from_mentions("d", text, [at(text, "17/01/2024", Day(2024, 1, 17)),
                                              at(text, "Năm 2023", Year(2023))])
    assert [e.timex for e in events] == ["2023"]
    assert events[0].category is Category.STATISTIC


# --- which mentions give events ---------------------------------------------------------------


def test_only_mentions_on_the_calendar_give_events() -> None:
    text = "Trong vòng 3 năm, JETRO tổ chức hội thảo; ngày 15-10 họ ký kết thỏa thuận hợp tác."
    duration = at(text, "3 năm", Duration(3, Unit.YEAR), interval=False)
    unknown = at(text, "ngày 15-10", Day(None, 10, 15), interval=False)
    assert events_from_mentions("d", text, [duration, unknown]) == ()


def test_a_set_is_anchored_by_a_date_of_its_sentence() -> None:
    text = "Hội chợ được tổ chức mỗi thứ Hai từ tháng 10/2024 tại Hà Nội."
    weekly = at(text, "mỗi thứ Hai", Recurrence(pattern=Weekday(1)), interval=False)
    month = at(text, "từ tháng 10/2024", Month(2024, 10))
    events = events_from_mentions("d", text, [weekly, month])
    recurring = [e for e in events if e.is_recurring]
    assert len(recurring) == 1
    # the first Monday on or after 1 October 2024 is 7 October
    assert recurring[0].interval == interval_of(Day(2024, 10, 7), zone(TZ))
    assert recurring[0].category is Category.EXHIBITION


def test_a_set_with_a_time_of_day_starts_at_that_time() -> None:
    text = "Từ ngày 1-3-2025, xe buýt chạy lúc 6 giờ hằng ngày."
    daily = at(text, "lúc 6 giờ hằng ngày", Recurrence(pattern=TimeOfDay(Day(None, None, None), 6)),
               interval=False)
    first = at(text, "Từ ngày 1-3-2025", Day(2025, 3, 1))
    [event] = [e for e in events_from_mentions("d", text, [daily, first]) if e.is_recurring]
    assert event.interval.start.hour == 6 and event.interval.start.day == 1


def test_a_set_with_its_own_time_of_day() -> None:
    text = "Từ tháng 10/2024, lớp học diễn ra lúc 14:00 mỗi thứ Hai tại Hà Nội."
    every = Recurrence(pattern=Weekday(1), time=TimeOfDay(Day(None, None, None), 14, 0))
    mentions = [at(text, "lúc 14:00 mỗi thứ Hai", every, interval=False),
                at(text, "Từ tháng 10/2024", Month(2024, 10))]
    [event] = [e for e in events_from_mentions("d", text, mentions) if e.is_recurring]
    assert event.interval == interval_of(TimeOfDay(Day(2024, 10, 7), 14, 0), zone(TZ))
    assert event.timex == "XXXX-WXX-1T14:00"


def test_a_set_without_anchor_gives_no_event() -> None:
    text = "Hằng năm, thành phố đón khoảng 200 đoàn khách quốc tế."
    yearly = at(text, "Hằng năm", Recurrence(period=Duration(1, Unit.YEAR)), interval=False)
    assert events_from_mentions("d", text, [yearly]) == ()


def test_ids_are_stable_content_hashes() -> None:
    mention = at(JETRO, "Cùng ngày 16-10", Day(2024, 10, 16))
    first = one("doc", JETRO, mention)
    again = one("doc", JETRO, attrs.evolve(mention))
    assert first.id == again.id
    assert len(first.id) == 16 and int(first.id, 16) >= 0
    assert one("other", JETRO, mention).id != first.id
    # the same phrase twice in a sentence gives two ids
    text = "Năm 2023 và năm 2023 nữa, Hà Nội thu hút vốn đầu tư."
    events = events_from_mentions("d", text, [at(text, "năm 2023", Year(2023)),
                                              at(text, "năm 2023", Year(2023), occurrence=0)])
    assert len({e.id for e in events}) == 2


def test_same_day_dates_the_activity_told_just_before() -> None:
    text = ("Trong khuôn khổ chuyến thăm Nhật Bản từ ngày 15 đến 18-10, đoàn đã làm việc với "
            "nhiều đối tác.\n"
            "Tại thủ đô Tokyo, Chủ tịch UBND thành phố đã hội kiến với Thống đốc Tokyo.\n"
            "Năm 2013, hai thành phố đã ký kết bản ghi nhớ.\n"
            "* Cùng ngày 16-10, Chủ tịch JETRO đã tiếp đoàn.")
    mentions = [at(text, "từ ngày 15 đến 18-10", Range(Day(2024, 10, 15), Day(2024, 10, 18))),
                at(text, "Năm 2013", Year(2013)),
                at(text, "Cùng ngày 16-10", Day(2024, 10, 16))]
    events = events_from_mentions("d", text, mentions)
    [inferred] = [e for e in events if e.inferred]
    assert inferred.title == "Chủ tịch UBND thành phố hội kiến với Thống đốc Tokyo"
    assert inferred.location == "tại thủ đô Tokyo"
    assert inferred.timex == "2024-10-16"
    assert inferred.category is Category.MEETING
    assert inferred.sources == (Source("d", mentions[2].start, mentions[2].end),)


def test_no_same_day_inference_without_a_frame_or_at_a_paragraph_middle() -> None:
    text = ("Năm 2024, đoàn đã làm việc với đối tác.\n"
            "Tại Tokyo, Chủ tịch đã hội kiến với Thống đốc.\n"
            "Đoàn về nước. Cùng ngày 16-10, Chủ tịch JETRO đã tiếp đoàn.")
    mentions = [at(text, "Năm 2024", Year(2024)), at(text, "Cùng ngày 16-10", Day(2024, 10, 16))]
    assert not any(e.inferred for e in events_from_mentions("d", text, mentions))


# --- vocabulary --------------------------------------------------------------------------------


def test_vocabulary_is_data(tmp_path: Path) -> None:
    default = Vocabulary.default()
    assert default.label(Category.MEETING) == "Hội kiến, làm việc"
    assert default.categorize("Lễ hội hoa anh đào", "") == (Category.FESTIVAL,)
    source = Path(__file__).resolve().parents[1] / "timeline" / "lang" / "vi" / "categories.toml"
    custom = source.read_text(encoding="utf-8").replace('"lễ hội", ', '"lễ hội", "hoa anh đào", ')
    path = tmp_path / "categories.toml"
    path.write_text(custom, encoding="utf-8")
    assert Vocabulary.load(path).categorize("", "ngắm hoa anh đào") == (Category.FESTIVAL,)


def test_vocabulary_names_the_bad_entry(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[[category]]\nname = "party"\nkeywords = []\n', encoding="utf-8")
    with pytest.raises(InvalidArgumentError, match=r"category\.name"):
        Vocabulary.load(path)


# --- fusion ------------------------------------------------------------------------------------

REPORT_A = ("Tháng 10/2024, Đoàn đại biểu cấp cao thành phố Hà Nội do Chủ tịch Ủy ban nhân dân "
            "thành phố Hà Nội Trần Sỹ Thanh dẫn đầu đã thực hiện các cuộc gặp làm việc, hoạt động "
            "khảo sát nhằm thúc đẩy hợp tác thiết thực giữa Hà Nội với các đối tác là địa phương, "
            "tổ chức và doanh nghiệp Nhật Bản.")
REPORT_B = ("Trong khuôn khổ chuyến thăm và làm việc tại Nhật Bản từ ngày 15 đến 18-10, Đoàn đại "
            "biểu cấp cao thành phố Hà Nội do Ủy viên Trung ương Đảng, Chủ tịch UBND thành phố "
            "Trần Sỹ Thanh dẫn đầu đã thực hiện một loạt cuộc gặp làm việc, hoạt động khảo sát "
            "nhằm thúc đẩy hợp tác thiết thực giữa Hà Nội với các đối tác là địa phương, tổ chức "
            "và doanh nghiệp Nhật Bản.")
UNRELATED = "Tháng 10/2024, Hải Phòng thu hút 300 triệu USD vốn FDI vào khu công nghiệp."


def _reports() -> tuple[Event, Event, Event]:
    a = one("a", REPORT_A, at(REPORT_A, "Tháng 10/2024", Month(2024, 10)))
    b = one("b", REPORT_B, at(REPORT_B, "từ ngày 15 đến 18-10",
                              Range(Day(2024, 10, 15), Day(2024, 10, 18))))
    c = one("c", UNRELATED, at(UNRELATED, "Tháng 10/2024", Month(2024, 10)))
    return a, b, c


def test_the_same_happening_in_two_documents_is_one_event() -> None:
    a, b, c = _reports()
    assert similarity(a, b) > 0.55 > similarity(a, c)
    fused = fuse([a, b, c])
    assert len(fused) == 2
    [visit] = [e for e in fused if len(e.sources) == 2]
    # the most precise report leads: its time, title and id
    assert visit.when == b.when and visit.title == b.title and visit.id == b.id
    assert visit.documents == ("b", "a")
    assert visit.sources[1] == Source("a", 0, len("Tháng 10/2024"))
    assert Category.MEETING in visit.categories and Category.VISIT in visit.categories


def test_fusion_needs_overlap_other_documents_and_close_grains() -> None:
    a, b, _ = _reports()
    later = attrs.evolve(b, interval=attrs.evolve(
        b.interval, start=b.interval.start + timedelta(days=60),
        end=b.interval.end + timedelta(days=60)))
    assert len(fuse([a, later])) == 2
    same_document = attrs.evolve(a, sources=(Source("b", 0, 13),))
    assert len(fuse([same_document, b])) == 2
    year = one("y", REPORT_A.replace("Tháng 10/2024", "Năm 2024"),
               at(REPORT_A.replace("Tháng 10/2024", "Năm 2024"), "Năm 2024", Year(2024)))
    assert len(fuse([year, b])) == 2  # a year and a few days: too far apart in grain


def test_fusion_does_not_depend_on_input_order() -> None:
    events = list(_reports())
    expected = sorted(fuse(events), key=lambda e: e.id)
    for seed in range(5):
        random.Random(seed).shuffle(events)
        assert sorted(fuse(events), key=lambda e: e.id) == expected
