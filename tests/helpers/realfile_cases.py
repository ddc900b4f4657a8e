"""One unit of each real localization file in tests/data (sources and licences in
tests/data/l10n/SOURCES.md and tests/data/realfiles/LICENSES.md): the format name -> (input,
the file a correction patches, the unit's key, its target). Shared by the library round trip
(tests/unit/test_export_realfile_corrections.py) and the review UI pilot per format
(tests/tui/test_pilot_formats.py)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
L10N = DATA / "l10n"

CASES = {
    "po": ("po_sphinx_zh_CN.po", "po_sphinx_zh_CN.po",
           "making output directory", "正在创建输出目录"),
    "android": ("android-antennapod/res", "android-antennapod/res/values-zh-rCN/strings.xml",
                "statistics_label_short", "统计数字"),
    "strings": ("ios-stats", "ios-stats/zh-Hans.lproj/Localizable.strings",
                "Open GPU settings", "打开GPU设置"),
    "xcstrings": ("xcstrings-whisky/Localizable.xcstrings", "xcstrings-whisky/Localizable.xcstrings",
                  "alert.message", "无法打开软件！"),
    "json": ("json-excalidraw", "json-excalidraw/zh-CN.json", "labels.pasteCharts", "粘贴图表"),
    "arb": ("arb-gallery", "arb-gallery/intl_zh_CN.arb", "deselect", "取消选择"),
    "ts": ("ts-keepassxc/ts_keepassxc_zh_CN.ts", "ts-keepassxc/ts_keepassxc_zh_CN.ts",
           "AboutDialog|About KeePassXC", "关于 KeePassXC"),
    "xliff": ("../realfiles/firefox-ios.zh-CN.xliff", "../realfiles/firefox-ios.zh-CN.xliff",
              "NSFaceIDUsageDescription", "Firefox 需进行面容 ID 验证才能访问保存的密码和付款方式。"),
}
NEW = "【已改】"  # appended to the target: no character any of these formats escapes
# What else a correction changes on its line, by design: XLIFF 1.2 marks the target signed off.
REVIEW_MARK = {"xliff": ("<target>", '<target state="signed-off">')}
