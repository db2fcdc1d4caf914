"""Bad input: every way a user's file can be odd either loads to the exact expected text or is
reported with the file name and the reason. Fixtures are bytes written by the tests themselves.

The expected strings are hand-checked: the input sentence after NFKC (full-width ，：（） become
ASCII), with outlet spaces next to Chinese removed, and paragraphs joined by ``\\n``.
"""

from __future__ import annotations

import codecs
import warnings

import pytest

from llmnews import corpus
from llmnews.errors import ArticleError

# A two-line article: a body sentence each, no chrome. Written with full-width punctuation.
ARTICLE = "智谱AI在2024年1月发布了GLM-4，性能接近GPT-4。\n百度的文心一言用户数突破了2亿。"
# The same after normalisation: ，-> , (NFKC); 。 has no compatibility form and stays.
EXPECTED = "智谱AI在2024年1月发布了GLM-4,性能接近GPT-4。\n百度的文心一言用户数突破了2亿。"


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def load_one(folder):
    """Load a folder holding one article; return (row or None, skipped list)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = corpus.load_corpus(folder)
    return df, df.attrs["skipped"], [str(w.message) for w in caught if w.category is UserWarning]


# --- decoding paths that must load ------------------------------------------------------------

@pytest.mark.parametrize(
    "name, data, encoding",
    [
        ("utf8", ARTICLE.encode("utf-8"), "utf-8"),
        ("utf8_bom", codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8-sig"),
        ("utf16le_bom", codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "utf-16-le"),
        ("utf16be_bom", codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16-be"),
        ("utf32le_bom", codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"), "utf-32-le"),
        ("utf16le_no_bom", ARTICLE.encode("utf-16-le"), "utf-16-le"),
        ("utf16be_no_bom", ARTICLE.encode("utf-16-be"), "utf-16-be"),
        ("gbk", ARTICLE.encode("gbk"), "gb18030"),
        ("gb18030", ARTICLE.encode("gb18030"), "gb18030"),
        ("crlf", ARTICLE.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        ("cr_only", ARTICLE.replace("\n", "\r").encode("utf-8"), "utf-8"),
    ],
)
def test_each_decoding_path_gives_the_exact_text(tmp_path, name, data, encoding):
    decoded = corpus.read_article_text(write(tmp_path, f"{name}.txt", data))
    assert decoded.text == EXPECTED
    assert decoded.encoding == encoding


def test_gb18030_character_outside_gbk(tmp_path):
    # 𠮷 (U+20BB7, the 吉 of 𠮷野家) is in CJK Extension B: GBK cannot encode it, GB18030 can
    # (four bytes). ㊣ is NOT a good example: GBK has it at A949.
    with pytest.raises(UnicodeEncodeError):
        "𠮷".encode("gbk")
    assert "㊣".encode("gbk") == b"\xa9\x49"
    text = "日本连锁店𠮷野家也开始用大模型写菜单。"
    data = text.encode("gb18030")
    assert b"\x95\x34\xb2\x35" in data  # the four-byte GB18030 code of 𠮷
    decoded = corpus.read_article_text(write(tmp_path, "ext_b.txt", data))
    assert decoded.text == text
    assert decoded.encoding == "gb18030"


@pytest.mark.parametrize("text", ["连锁店𠮷野家。", "王堃发布了新模型。", "张喆说:价格战才刚开始。"])
def test_short_gbk_text_with_a_rare_character(tmp_path, text):
    # 𠮷 is four-byte GB18030; 堃 and 喆 are GBK but not GB2312 (the "common" set): a short text
    # with one of them must still load, not be mistaken for mojibake.
    decoded = corpus.read_article_text(write(tmp_path, "rare.txt", text.encode("gb18030")))
    assert (decoded.text, decoded.encoding) == (text, "gb18030")


def test_big5_traditional_is_recognised_although_gb18030_also_decodes_it(tmp_path):
    text = "百度文心一言與阿里通義千問宣佈降價，輸入價格每千個詞元僅需0.0008元。"
    data = text.encode("big5")
    # The trap: GB18030 accepts these bytes too, as mojibake. The loader must not stop there.
    assert data.decode("gb18030") != text
    decoded = corpus.read_article_text(write(tmp_path, "big5.txt", data))
    assert decoded.encoding == "big5"
    assert decoded.text == "百度文心一言與阿里通義千問宣佈降價,輸入價格每千個詞元僅需0.0008元。"


def test_big5_article_loads_in_simplified_with_original_kept(tmp_path):
    lines = ["百度文心一言與阿里通義千問宣佈降價，輸入價格每千個詞元僅需0.0008元。",
             "分析師認為，價格戰將加速產業洗牌。"]
    write(tmp_path, "big5.txt", "\n".join(lines).encode("big5"))
    df, skipped, _ = load_one(tmp_path)
    assert skipped == []
    row = df.iloc[0]
    assert row["script"] == "traditional"
    assert row["text"] == ("百度文心一言与阿里通义千问宣布降价,输入价格每千个词元仅需0.0008元。\n"
                           "分析师认为,价格战将加速产业洗牌。")
    assert row["original_text"] == ("百度文心一言與阿里通義千問宣佈降價,輸入價格每千個詞元僅需0.0008元。\n"
                                    "分析師認為,價格戰將加速產業洗牌。")


def test_full_width_and_mixed_width_text(tmp_path):
    data = "ＯｐｅｎＡＩ在２０２４年５月发布了ＧＰＴ－４ｏ，比GPT-4 Turbo便宜50%。".encode("utf-8")
    decoded = corpus.read_article_text(write(tmp_path, "wide.txt", data))
    assert decoded.text == "OpenAI在2024年5月发布了GPT-4o,比GPT-4 Turbo便宜50%。"


def test_file_name_with_spaces_and_chinese(tmp_path):
    write(tmp_path, "大模型 价格战 (转载) 01.txt", ARTICLE.encode("utf-8"))
    df, skipped, _ = load_one(tmp_path)
    assert skipped == []
    assert df["article_id"].tolist() == ["大模型 价格战 (转载) 01"]
    assert df["file_name"].tolist() == ["大模型 价格战 (转载) 01.txt"]
    assert df["text"].tolist() == [EXPECTED]


def test_html_tags_are_stripped_and_script_blocks_removed(tmp_path):
    data = ("<p>智谱AI发布了GLM-4，性能接近GPT-4。</p>\n"
            "<script type=\"text/javascript\">\nvar ad = 'GPT-5';\n</script>\n"
            "<p>百度的文心一言用户数突破了2亿&amp;更多。</p>").encode("utf-8")
    write(tmp_path, "html.txt", data)
    df, skipped, _ = load_one(tmp_path)
    assert skipped == []
    assert df.loc[0, "text"] == "智谱AI发布了GLM-4,性能接近GPT-4。\n百度的文心一言用户数突破了2亿&更多。"
    removed = corpus.removed_lines_table(df)
    assert removed[["line_no", "reason"]].values.tolist() == [
        [1, corpus.R_HTML_TAGS],
        [2, corpus.R_HTML_SCRIPT],
        [5, corpus.R_HTML_TAGS],
    ]
    assert "var ad = 'GPT-5';" in removed.loc[1, "line"]  # the script's code is listed, not lost
    assert "GPT-5" not in df.loc[0, "text"]


def test_angle_brackets_in_prose_are_not_html(tmp_path):
    write(tmp_path, "angles.txt", "参数量<1000亿的模型,业内俗称<GPT-4>级以下。".encode("utf-8"))
    df, skipped, _ = load_one(tmp_path)
    assert df.loc[0, "text"] == "参数量<1000亿的模型,业内俗称<GPT-4>级以下。"
    assert df.loc[0, "removed_lines"] == []


# --- inputs that must be reported ---------------------------------------------------------------

def expect_skip(tmp_path, name: str, data: bytes, *reason_parts: str):
    """The file is skipped with a warning naming it, listed in attrs, and raised with on_error."""
    path = write(tmp_path, name, data)
    df, skipped, messages = load_one(tmp_path)
    assert len(df) == 0
    assert [s["file"] for s in skipped] == [name]
    reason = skipped[0]["reason"]
    for part in reason_parts:
        assert part in reason, reason
    assert any(name in m and reason in m for m in messages), messages
    with pytest.raises(ArticleError) as err:
        corpus.load_corpus(tmp_path, on_error="raise")
    assert str(path) in str(err.value) and err.value.path == path
    return reason


def test_empty_file(tmp_path):
    expect_skip(tmp_path, "empty.txt", b"", "empty file")


def test_whitespace_only(tmp_path):
    expect_skip(tmp_path, "blank.txt", " \r\n\t\n\u3000\u3000\n".encode("utf-8"), "only whitespace")


def test_bom_only(tmp_path):
    expect_skip(tmp_path, "bom.txt", codecs.BOM_UTF8, "empty after its byte-order mark")


def test_png_renamed_txt(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    expect_skip(tmp_path, "photo.txt", png, "binary file", "PNG")


def test_nul_bytes_in_utf8_text(tmp_path):
    data = "智谱AI发布了GLM-4。".encode("utf-8") + b"\x00\x00\x01\x02" + "文心一言".encode("utf-8")
    expect_skip(tmp_path, "nul.txt", data, "NUL bytes", "binary")


def test_truncated_multibyte_sequence(tmp_path):
    # The file was cut in the middle of 亿 (E4 BA BF): its last byte and the final 。 are gone.
    data = ARTICLE.encode("utf-8")[:-4]
    assert data.endswith("2".encode() + b"\xe4\xba")
    reason = expect_skip(tmp_path, "cut.txt", data, "cannot decode", "not valid UTF-8")
    assert "unexpected end of data" in reason


def test_other_legacy_encoding_decoding_to_mojibake_is_rejected(tmp_path):
    # Japanese in Shift-JIS is not UTF-8; GB18030 "decodes" it, but to rare characters (14% common
    # Chinese), which the plausibility check refuses rather than returning mojibake.
    data = "大規模言語モデルの価格競争が始まった。オープンソースのモデルも増えている。".encode("shift_jis")
    assert data.decode("gb18030")  # the trap: a strict decode that succeeds
    expect_skip(tmp_path, "japanese.txt", data, "cannot decode", "GB18030", "mojibake")


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus.decode, "MAX_FILE_BYTES", 64)  # the cap lives in corpus.decode
    path = write(tmp_path, "huge.txt", ("很长的文章。" * 20).encode("utf-8"))
    read_calls = []
    real_read_bytes = type(path).read_bytes
    monkeypatch.setattr(type(path), "read_bytes", lambda self: read_calls.append(self) or real_read_bytes(self))
    with pytest.raises(ArticleError, match="over the 64-byte cap"):
        corpus.read_article_text(path)
    assert read_calls == []  # stat() said no; not a byte was read
    expect_skip(tmp_path, "huge.txt", path.read_bytes(), "360 bytes", "MAX_FILE_BYTES")


def test_file_that_already_contains_replacement_characters(tmp_path):
    expect_skip(tmp_path, "fffd.txt", "智谱AI发布了GLM-4\ufffd\ufffd。".encode("utf-8"), "U+FFFD")


def test_nothing_left_after_cleaning(tmp_path):
    chrome = "\n".join(["扫码关注", "微信订阅号", "作者|张三", "来源:某某网", "图片来源:网络", "评论"])
    reason = expect_skip(tmp_path, "chrome.txt", chrome.encode("utf-8"), "nothing left after cleaning")
    assert corpus.R_FOLLOW in reason and corpus.R_CREDIT in reason


def test_good_files_still_load_next_to_bad_ones(tmp_path):
    write(tmp_path, "a_good.txt", ARTICLE.encode("utf-8"))
    write(tmp_path, "b_empty.txt", b"")
    write(tmp_path, "c_image.txt", b"\x89PNG\r\n\x1a\nrest")
    write(tmp_path, "d_good.txt", ARTICLE.encode("gbk"))
    write(tmp_path, "notes.md", b"not an article: only .txt files are read")
    df, skipped, messages = load_one(tmp_path)
    assert df["article_id"].tolist() == ["a_good", "d_good"]
    assert df["text"].tolist() == [EXPECTED, EXPECTED]
    assert [s["file"] for s in skipped] == ["b_empty.txt", "c_image.txt"]
    assert len(messages) == 2


def test_no_replacement_character_in_any_output(tmp_path):
    big5 = "百度文心一言與阿里通義千問宣佈降價。".encode("big5")
    for i, data in enumerate([ARTICLE.encode("gbk"), ARTICLE.encode("utf-16"), big5]):
        write(tmp_path, f"{i}.txt", data)
    df, skipped, _ = load_one(tmp_path)
    assert skipped == [] and len(df) == 3
    for column in ("text", "original_text", "title"):
        assert not df[column].astype(str).str.contains("\ufffd").any()


def test_on_error_must_be_skip_or_raise(tmp_path):
    with pytest.raises(ValueError):
        corpus.load_corpus(tmp_path, on_error="ignore")


def test_missing_file_is_an_article_error(tmp_path):
    with pytest.raises(ArticleError, match="cannot read file"):
        corpus.read_article_text(tmp_path / "gone.txt")


def test_random_bytes_never_crash_and_never_give_replacement_characters(tmp_path):
    import random

    rng = random.Random(20240521)  # fixed here: the same byte strings on every run
    sources = [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))) for _ in range(100)]
    # Damaged real text: the article in several encodings with bytes flipped or cut.
    for encoding in ("utf-8", "gb18030", "utf-16"):
        good = ARTICLE.encode(encoding)
        for _ in range(33):
            data = bytearray(good)
            data[rng.randrange(len(data))] = rng.randrange(256)
            sources.append(bytes(data[: rng.randrange(1, len(data) + 1)]))
    outcomes = {"loaded": 0, "refused": 0}
    for i, data in enumerate(sources):
        path = write(tmp_path, f"{i}.txt", data)
        try:
            decoded = corpus.read_article_text(path)
        except ArticleError as err:
            assert err.path == path and err.reason
            outcomes["refused"] += 1
            continue
        assert "\ufffd" not in decoded.text and "\x00" not in decoded.text
        outcomes["loaded"] += 1
    assert outcomes["loaded"] > 0 and outcomes["refused"] > 0


def test_traditional_article_with_html(tmp_path):
    data = "<p>百度文心一言與阿里通義千問宣佈降價。</p>\n<p>分析師認為，價格戰將加速產業洗牌。</p>".encode("utf-8")
    write(tmp_path, "tw_html.txt", data)
    df, skipped, _ = load_one(tmp_path)
    assert df.loc[0, "text"] == "百度文心一言与阿里通义千问宣布降价。\n分析师认为,价格战将加速产业洗牌。"
    assert df.loc[0, "original_text"] == "百度文心一言與阿里通義千問宣佈降價。\n分析師認為,價格戰將加速產業洗牌。"


def test_many_control_characters_mean_binary(tmp_path):
    expect_skip(tmp_path, "ctrl.txt", ("智谱" + "\x01\x02\x03" * 5).encode("utf-8"), "control characters")
