//! Whole numbers read from text by hand: std's integer parser is a routine
//! of its own in the wasm core, for two short reads (a port, a count of days).

/// `text` read as `str::parse::<u16>` reads it: ASCII digits after an
/// optional `+`; `None` when empty, anything else, or past `u16::MAX`.
pub(crate) fn parse_u16(text: &str) -> Option<u16> {
    let digits = text.strip_prefix('+').unwrap_or(text);
    if digits.is_empty() {
        return None;
    }
    digits.bytes().try_fold(0u16, |n, b| {
        let digit = b.checked_sub(b'0').filter(|d| *d < 10)?;
        n.checked_mul(10)?.checked_add(u16::from(digit))
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::parse_u16;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        #[test]
        fn reads_as_the_standard_parser_does(text in "[+-]?[0-9a٣ ]{0,7}|[0-9]{4,6}") {
            prop_assert_eq!(parse_u16(&text), text.parse::<u16>().ok(), "{:?}", text);
        }
    }

    #[test]
    fn reads_the_edges() {
        for (text, read) in [
            ("0", Some(0)),
            ("65535", Some(65535)),
            ("65536", None),
            ("+8", Some(8)),
            ("+", None),
            ("", None),
            ("0443", Some(443)),
            ("-1", None),
        ] {
            assert_eq!(parse_u16(text), read, "{text:?}");
            assert_eq!(text.parse::<u16>().ok(), read, "{text:?}");
        }
    }
}
