"""Quantities in English and Chinese text, as values with spans, and their comparison.

Why values and not substrings: pofilter compares digit strings, so it flags the correct
"3.5 million" → 350万 and misses 500 → 5000 and 3 → 13. Here each side becomes a
list of :class:`Quantity` (a :class:`~decimal.Decimal` value plus the span it came from) and
the two lists are matched as multisets of values by :func:`compare`.

What is read (both sides; the language of a side picks the word rules):

- digits with separators (``1,000``, ``1 000``), decimals, full-width digits, percentages
  (``5%``, ``5 percent``, 百分之五); a sign is never read, so "2016-2017" is two years;
- English number words (``one`` … ``ninety``, ``hundred`` … ``trillion``, "twenty-one",
  "three hundred and fifty", "a million") and scaled figures ("3.5 million", "1.2 bn");
- Chinese numerals (三百, 两千, 十一, 一千零五, 三百五, 二〇一六) and 万/亿 scaling on digits or
  numerals (350万, 1.2亿, 三亿五千万), decimals with 点 (三点五);
- dates: English month names count as their month number (September → 9), so
  "September 3 – 11" and 9月3日至11日 both read {9, 3, 11}; a two-digit range end after a
  year expands ("2016-17" → 2016, 2017);
- ordinals: "21st" → 21, "first" → 1, 第三 → 3 (the 第 itself is not needed).

What is deliberately *not* read, because it is not a quantity or the two languages do not
express it as one:

- approximate amounts: "several hundred", "hundreds of", "dozens", "a few", 几百, 十几,
  数十, 上百, 成千, "三四个" (N or N+1) and their like produce nothing, on either side;
- digits inside URLs or e-mail addresses (the urls check owns those);
- weekdays (星期三, 周三) and 零 on its own (零件, 零售 are words, not zero).

*Required* or not. A quantity with no counterpart fires only when it is ``required``.
The rule (documented because it decides most false alarms):

- digits are always required, except in codes glued to Latin letters (G20, CO2, PM2.5,
  COVID-19, SMART2020: G20 is often 二十国集团, CO2 二氧化碳, so they may match but never
  fire) and decades ("1980s", 80年代), which the two languages write differently;
- an English number word is required when its value is above 10, or when it carries a
  scale ("a million"), or when its value is 2–10 and one of the next two words is a plural
  noun or a unit ("six domestic speakers", "two countries", "five percent"). "one", "a",
  "one of", ordinal words ("first" ↔ 首次), "twice", "a dozen", and small numbers before
  anything else ("four international (3 U.S.)", "Five-Year Plan") are optional: Chinese
  routinely leaves them implicit or says them with a non-numeral (双方, 首, 之一);
- a Chinese numeral is required when it has two or more characters and reads as a number
  (三百, 十一, 二〇一六); a single character only when a measure word or date unit follows
  (三个, 六位, 五年, 9月 → yes; 四川, 五台山, 三明治, 统一, 十分 → no). 一 is never
  required (一个 is often just "a"), nor are bare units (百姓, 万一, 千万), doubled digits
  (一一, 三三两两) or digit strings that are not years (五四运动).

Optional quantities still match: "six" ↔ 六个 and "first" ↔ 第一 pair off normally.

*Stray digits*. A one- or two-digit Arabic number glued to a Chinese numeral (the "1" of
"1几百") or sitting between two Han characters with no measure word after it is marked
``stray``. :func:`compare` matches stray quantities last; an unmatched stray one is *not*
an extra number for the numbers check but a stray digit for the repetition check, so the
two checks report it exactly once (minor, Fluency: it reads as a typo, not as a claim).

Modules: ``quantity`` (the value, and the digit and address rules both readers share),
``english`` and ``chinese`` (the two readers; ``chinese.parse_zh_numeral`` is the one
Chinese numeral reader, which the aligner uses too), ``months`` (the one month table),
``compare`` (matching the two sides of a pair), ``writing`` (a number in a given style).
"""
