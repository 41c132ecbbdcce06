//! Text as the system keeps it (issue #13, item 9): in Unicode NFC, so that a name typed on
//! any keyboard has one spelling (sorted, searched and compared as one), and names free of
//! the characters that make a text show otherwise than it is (Trojan Source, CVE-2021-42574).

use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The text in NFC; borrowed when it already is (nearly always).
pub fn nfc(text: &str) -> Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    }
}

/// A free text as given (a comment, a reason, a note): trimmed, and none when blank.
pub fn non_blank(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// Bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which reorder what
/// is shown, and zero-width characters (U+200B–U+200D, U+2060, U+FEFF), which hide in it.
pub fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
    )
}

/// The code a name with a hidden character is refused with.
pub const INVALID_CHARACTERS: &str = "invalid_characters";

/// Why a person's or an organisation's name is refused, if it is: it holds a hidden
/// character (the message names it).
pub fn name_problem(name: &str) -> Option<String> {
    name.chars().find(|c| is_hidden(*c)).map(|c| {
        format!(
            "Tên chứa ký tự ẩn hoặc ký tự đảo chiều chữ (U+{:04X}), không được phép",
            u32::from(c)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_text_is_composed_and_composed_text_is_borrowed() {
        assert_eq!(nfc("Nguye\u{0302}\u{0303}n"), "Nguyễn");
        assert!(matches!(nfc("Nguyễn Văn An"), Cow::Borrowed(_)));
    }

    #[test]
    fn names_with_bidi_controls_or_zero_width_characters_are_refused() {
        for c in [
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}',
        ] {
            let message = name_problem(&format!("Nguyễn{c} An")).unwrap_or_default();
            assert!(
                message.contains(&format!("U+{:04X}", u32::from(c))),
                "{message}"
            );
        }
        assert_eq!(name_problem("Phạm Thị Ngọc Ánh"), None);
        assert_eq!(name_problem("Chi bộ Khoa Lý luận chính trị - Luật"), None);
    }
}
