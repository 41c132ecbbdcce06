//! Vietnamese text: a search key that ignores case and diacritics ("nguyen van a" finds
//! "Nguyễn Văn A", "d" finds "đ"), and a sort key that orders names the Vietnamese way:
//! given name, then middle names, then family name, letters in the Vietnamese alphabet
//! (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y) with tones after letters.

use unicode_normalization::UnicodeNormalization;

/// The alphabet, with the Latin letters Vietnamese lacks (f j w z) at their Latin places.
const ALPHABET: [&str; 33] = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
    "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
];

const GRAVE: char = '\u{0300}'; // huyền
const ACUTE: char = '\u{0301}'; // sắc
const TILDE: char = '\u{0303}'; // ngã
const HOOK: char = '\u{0309}'; // hỏi
const DOT: char = '\u{0323}'; // nặng
const BREVE: char = '\u{0306}';
const CIRCUMFLEX: char = '\u{0302}';
const HORN: char = '\u{031B}';

/// Tones in dictionary order: level, huyền, hỏi, ngã, sắc, nặng.
fn tone_rank(mark: char) -> Option<u8> {
    match mark {
        GRAVE => Some(1),
        HOOK => Some(2),
        TILDE => Some(3),
        ACUTE => Some(4),
        DOT => Some(5),
        _ => None,
    }
}

/// One letter of a name: its place in the alphabet (1-based; 0 for anything else) and tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Letter {
    rank: u8,
    tone: u8,
}

fn letters(word: &str) -> Vec<Letter> {
    let mut out: Vec<Letter> = Vec::new();
    let mut base = String::new();
    let mut tone = 0;
    let flush = |base: &mut String, tone: &mut u8, out: &mut Vec<Letter>| {
        if !base.is_empty() {
            let rank = ALPHABET
                .iter()
                .position(|l| *l == base.as_str())
                .map_or(0, |i| i as u8 + 1);
            out.push(Letter { rank, tone: *tone });
        }
        base.clear();
        *tone = 0;
    };
    for c in word.to_lowercase().nfd() {
        match c {
            BREVE | CIRCUMFLEX | HORN => {
                // Recompose the letter with its modifier (ă, â, ê, ô, ơ, ư).
                base.push(c);
                let composed: String = base.nfc().collect();
                base = composed;
            }
            m if tone_rank(m).is_some() => tone = tone_rank(m).unwrap_or(0),
            m if ('\u{0300}'..='\u{036F}').contains(&m) => {}
            _ => {
                flush(&mut base, &mut tone, &mut out);
                base.push(c);
            }
        }
    }
    flush(&mut base, &mut tone, &mut out);
    out
}

/// The key stored for diacritic- and case-insensitive search: lowercase ASCII words.
/// Each character is decomposed on its own (the marks are dropped, so their order does not
/// matter): no lowercased copy and no reordering buffer (the import computes this for every
/// cell it matches and every name).
pub fn search_key(text: &str) -> String {
    // A separator is written only between words: none leading, trailing or doubled.
    fn push(out: &mut String, gap: &mut bool, c: char) {
        if *gap && !out.is_empty() {
            out.push(' ');
        }
        *gap = false;
        out.push(c);
    }
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                push(&mut out, &mut gap, c);
            } else {
                gap = true;
            }
            continue;
        }
        unicode_normalization::char::decompose_canonical(c, |d| match d {
            'đ' => push(&mut out, &mut gap, 'd'),
            m if ('\u{0300}'..='\u{036F}').contains(&m) => {}
            d if d.is_alphanumeric() => push(&mut out, &mut gap, d),
            _ => gap = true,
        });
    }
    out
}

/// The parts of a full name in the order they sort: given, middle, family.
pub fn name_parts(full_name: &str) -> (String, Vec<String>, String) {
    let words: Vec<&str> = full_name.split_whitespace().collect();
    match words.as_slice() {
        [] => (String::new(), Vec::new(), String::new()),
        [only] => ((*only).to_owned(), Vec::new(), String::new()),
        [family, middle @ .., given] => (
            (*given).to_owned(),
            middle.iter().map(|s| (*s).to_owned()).collect(),
            (*family).to_owned(),
        ),
    }
}

/// A key whose byte order is the Vietnamese order of names (store it with the "C"
/// collation). Letters first, across the whole name; tones only break ties.
pub fn sort_key(full_name: &str) -> String {
    let (given, middle, family) = name_parts(full_name);
    let mut words = vec![given];
    words.extend(middle);
    words.push(family);
    key_of_words(&words)
}

/// The same order for a text that is not a person's name (an organisation's, a mass
/// organisation's): its words as written, first to last.
pub fn text_key(text: &str) -> String {
    let words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
    key_of_words(&words)
}

fn key_of_words(words: &[String]) -> String {
    let mut primary = String::new();
    let mut tones = String::new();
    for word in words {
        for l in letters(word) {
            primary.push_str(&format!("{:02}", l.rank));
            tones.push(char::from(b'0' + l.tone));
        }
        // Shorter words first: a separator below every letter code.
        primary.push(' ');
        tones.push(' ');
    }
    format!("{}|{}", primary.trim_end(), tones.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key as first written (the whole text lowercased, then NFD): the per-character
    /// version must give the same key for every Vietnamese letter, mark and separator.
    fn search_key_by_nfd(text: &str) -> String {
        let mut out = String::new();
        for c in text.to_lowercase().nfd() {
            match c {
                'đ' => out.push('d'),
                m if ('\u{0300}'..='\u{036F}').contains(&m) => {}
                c if c.is_alphanumeric() => out.push(c),
                _ => out.push(' '),
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn search_key_equals_the_whole_text_nfd_key() {
        let letters = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ";
        let upper: String = letters.to_uppercase();
        for text in [
            letters,
            upper.as_str(),
            "  Lưu   Hữu-Phước ",
            "Nguyễn Thị Ánh\tTuyết, 0912.345.678",
            "e\u{0301}  \u{0301}x", // a decomposed accent, and a lone mark
            "Ωmega ß İstanbul ½ ①",
            "",
            " - ",
        ] {
            assert_eq!(search_key(text), search_key_by_nfd(text), "{text:?}");
        }
    }

    #[test]
    fn search_ignores_case_and_diacritics_and_matches_d_with_dj() {
        for q in [
            "nguyen van a",
            "Nguyen Van A",
            "NGUYỄN VĂN A",
            "nguyễn văn a",
        ] {
            assert_eq!(search_key(q), "nguyen van a");
        }
        assert_eq!(search_key("Đặng Thị Đào"), "dang thi dao");
        assert_eq!(search_key("  Lưu   Hữu-Phước "), "luu huu phuoc");
        assert!(search_key("Trần Thị Ánh Tuyết").contains(&search_key("anh tuyet")));
    }

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<&str> = names.to_vec();
        v.sort_by_key(|n| sort_key(n));
        v.into_iter().map(str::to_owned).collect()
    }

    #[test]
    fn names_sort_by_given_then_middle_then_family() {
        assert_eq!(
            sorted(&[
                "Trần Văn Bình",
                "Nguyễn Thị An",
                "Lê Văn An",
                "Nguyễn Văn An"
            ]),
            [
                "Nguyễn Thị An",
                "Lê Văn An",
                "Nguyễn Văn An",
                "Trần Văn Bình"
            ]
        );
    }

    #[test]
    fn the_vietnamese_alphabet_puts_modified_letters_after_their_base() {
        // a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư
        assert_eq!(
            sorted(&["Lê Ân", "Lê Ăn", "Lê An"]),
            ["Lê An", "Lê Ăn", "Lê Ân"]
        );
        assert_eq!(
            sorted(&["Lê Đức", "Lê Dũng", "Lê Duy"]),
            ["Lê Dũng", "Lê Duy", "Lê Đức"]
        );
        assert_eq!(
            sorted(&["Võ Ơn", "Võ Ôn", "Võ On"]),
            ["Võ On", "Võ Ôn", "Võ Ơn"]
        );
        assert_eq!(sorted(&["Hồ Ưng", "Hồ Uyên"]), ["Hồ Uyên", "Hồ Ưng"]);
        assert_eq!(
            sorted(&["Mai Yến", "Mai Ê", "Mai Xuân"]),
            ["Mai Ê", "Mai Xuân", "Mai Yến"]
        );
    }

    #[test]
    fn tones_come_after_letters_in_the_order_level_grave_hook_tilde_acute_dot() {
        assert_eq!(
            sorted(&[
                "Lê Thị Hạ",
                "Lê Thị Há",
                "Lê Thị Hã",
                "Lê Thị Hả",
                "Lê Thị Hà",
                "Lê Thị Ha"
            ]),
            [
                "Lê Thị Ha",
                "Lê Thị Hà",
                "Lê Thị Hả",
                "Lê Thị Hã",
                "Lê Thị Há",
                "Lê Thị Hạ"
            ]
        );
        // A letter difference outweighs a tone anywhere in the name.
        assert_eq!(sorted(&["Lê Hà", "Lê Hai"]), ["Lê Hà", "Lê Hai"]);
        assert_eq!(sorted(&["Lê Hạnh", "Lê Hanh"]), ["Lê Hanh", "Lê Hạnh"]);
    }

    #[test]
    fn a_shorter_given_name_comes_first_and_case_does_not_matter() {
        assert_eq!(sorted(&["Phạm An", "Phạm A"]), ["Phạm A", "Phạm An"]);
        assert_eq!(sort_key("NGUYỄN VĂN A"), sort_key("nguyễn văn a"));
    }

    #[test]
    fn the_key_is_plain_ascii() {
        let key = sort_key("Nguyễn Thị Phương Thảo");
        assert!(key.is_ascii(), "{key}");
    }

    #[test]
    fn a_text_sorts_by_its_words_as_written() {
        let mut names = [
            "Đoàn Thanh niên",
            "Hội Phụ nữ",
            "Công đoàn trường",
            "Cựu chiến binh",
        ];
        names.sort_by_key(|n| text_key(n));
        assert_eq!(
            names,
            [
                "Công đoàn trường",
                "Cựu chiến binh",
                "Đoàn Thanh niên",
                "Hội Phụ nữ"
            ]
        );
    }
}
