"""Whole VND written in Vietnamese words, as invoices print "Số tiền viết bằng chữ"."""

from __future__ import annotations

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", "nghìn", "triệu", "tỷ")


def _three(n: int, leading: bool) -> list[str]:
    """Words of 0 < n < 1000; `leading` is the most significant group (no "không trăm")."""
    h, t, u = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if h or not leading:
        words += [_DIGITS[h], "trăm"]
    if t == 0:
        if u and words:
            words.append("lẻ")
    elif t == 1:
        words.append("mười")
    else:
        words += [_DIGITS[t], "mươi"]
    if u == 1 and t >= 2:
        words.append("mốt")
    elif u == 5 and t >= 1:
        words.append("lăm")
    elif u:
        words.append(_DIGITS[u])
    return words


def _groups(n: int) -> list[int]:
    out = []
    while n:
        n, rest = divmod(n, 1000)
        out.append(rest)
    return out


def vnd_in_words(amount: int) -> str:
    """346356 -> "Ba trăm bốn mươi sáu nghìn ba trăm năm mươi sáu đồng"."""
    if amount < 0:
        raise ValueError("amount must not be negative")
    if amount == 0:
        return "Không đồng"
    words: list[str] = []
    groups = _groups(amount)
    for index in range(len(groups) - 1, -1, -1):
        value = groups[index]
        if value == 0:
            if index % 3 == 0 and index and words and words[-1] != "tỷ":
                words.append("tỷ")  # 1 000 000 000 000 = một nghìn tỷ
            continue
        words += _three(value, leading=index == len(groups) - 1)
        scale = _GROUPS[index % 3] if index % 3 else ("tỷ" if index else "")
        if scale:
            words.append(scale)
    text = " ".join(words) + " đồng"
    return text[0].upper() + text[1:]
