//! The words behind the core's message ids, for native tests only: reads
//! extension/_locales/en/messages.json and fills placeholders the way the
//! browsers' `i18n.getMessage` does (named placeholders to their `$1`…
//! content, then `$1`…`$9` to the values in one pass, `$$` to `$`), so
//! wording tests keep checking the sentences users read.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The extension's English messages, as the browsers read them.
pub const MESSAGES_JSON: &str = include_str!("../extension/_locales/en/messages.json");

/// `(message, placeholder name → content)` per id.
type Catalogue = HashMap<String, (String, HashMap<String, String>)>;

/// Every message, by id.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let json: serde_json::Value = serde_json::from_str(MESSAGES_JSON).expect("messages.json is JSON");
        let entries = json.as_object().expect("messages.json is an object");
        entries
            .iter()
            .map(|(id, entry)| {
                let message = entry["message"].as_str().expect("every message has words").to_string();
                let placeholders = entry
                    .get("placeholders")
                    .and_then(|p| p.as_object())
                    .map(|p| {
                        p.iter()
                            .map(|(name, v)| (name.to_lowercase(), v["content"].as_str().unwrap_or("").to_string()))
                            .collect()
                    })
                    .unwrap_or_default();
                (id.clone(), (message, placeholders))
            })
            .collect()
    })
}

/// The words of message `id` with `values` substituted; panics on an
/// unknown id, so a test names it.
pub fn words(id: &str, values: &[String]) -> String {
    let (message, placeholders) = catalogue().get(id).unwrap_or_else(|| panic!("messages.json lacks {id}"));
    // Named placeholders first ($NAME$ to its content).
    let mut named = String::new();
    let mut rest = message.as_str();
    while let Some(start) = rest.find('$') {
        named.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let name_len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '@'));
        match name_len {
            Some(n) if n > 0 && after[n..].starts_with('$') => {
                let name = after[..n].to_lowercase();
                match placeholders.get(&name) {
                    Some(content) => named.push_str(content),
                    None => named.push_str(&rest[start..start + n + 2]),
                }
                rest = &after[n + 1..];
            }
            _ => {
                named.push('$');
                rest = after;
            }
        }
    }
    named.push_str(rest);
    // Then $1..$9 and $$, in one pass: a value's own `$` stays as it is.
    let mut out = String::new();
    let mut chars = named.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('$') => {
                chars.next();
                out.push('$');
            }
            Some(d @ '1'..='9') => {
                chars.next();
                let index = d as usize - '1' as usize;
                out.push_str(values.get(index).map_or("", String::as_str));
            }
            _ => out.push('$'),
        }
    }
    out
}

/// The words of a message without placeholders.
pub fn said(id: &str) -> String {
    words(id, &[])
}

/// The highest `$n` message `id` fills, through its placeholders; panics
/// on an unknown id.
pub fn arity(id: &str) -> usize {
    let (message, placeholders) = catalogue().get(id).unwrap_or_else(|| panic!("messages.json lacks {id}"));
    let named = placeholders.values().filter_map(|c| c.strip_prefix('$')?.parse::<usize>().ok());
    let direct = message.match_indices('$').filter_map(|(i, _)| message[i + 1..].chars().next()?.to_digit(10));
    named.chain(direct.map(|d| d as usize)).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    /// Every `"core_…"` literal in the core's code outside tests: the ids it
    /// can send.
    fn ids_in_code() -> BTreeSet<String> {
        fn walk(dir: &Path, ids: &mut BTreeSet<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_stem().unwrap().to_string_lossy().to_string();
                if path.is_dir() {
                    walk(&path, ids);
                    continue;
                }
                if name == "tests" || name.starts_with("tests_") || name.ends_with("_tests") || name == "message_words"
                {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
                for (i, _) in code.match_indices("\"core_") {
                    let id: String =
                        code[i + 1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    ids.insert(id);
                }
            }
        }
        let mut ids = BTreeSet::new();
        walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut ids);
        ids
    }

    #[test]
    fn every_id_the_core_sends_has_words_and_every_core_message_is_sent() {
        let used = ids_in_code();
        assert!(used.len() >= 100, "only {} ids found", used.len());
        let missing: Vec<_> = used.iter().filter(|id| !catalogue().contains_key(*id)).collect();
        assert!(missing.is_empty(), "ids the core sends that messages.json lacks: {missing:?}");
        let unused =
            catalogue().keys().filter(|id| id.starts_with("core_") && !used.contains(*id)).collect::<BTreeSet<_>>();
        assert!(unused.is_empty(), "core_ messages nothing sends: {unused:?}");
        for id in &used {
            assert!(!said(id).trim().is_empty(), "{id} has no words");
        }
    }

    #[test]
    fn placeholders_are_defined_and_fill_as_get_message_does() {
        let json: serde_json::Value = serde_json::from_str(MESSAGES_JSON).unwrap();
        for (id, entry) in json.as_object().unwrap() {
            let message = entry["message"].as_str().unwrap();
            let named: BTreeSet<String> = message
                .split('$')
                .skip(1)
                .step_by(2)
                .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
                .map(str::to_lowercase)
                .collect();
            let defined: BTreeSet<String> = entry
                .get("placeholders")
                .and_then(|p| p.as_object())
                .map(|p| p.keys().map(|k| k.to_lowercase()).collect())
                .unwrap_or_default();
            assert_eq!(named, defined, "{id}: placeholders in the text and those defined differ");
        }
        // A page's value is inserted as it is: its `$1` or `$$` stays.
        assert_eq!(
            words("core_revoke_press_named", &["$1 $$ $KEY$".into()]),
            "Innoslate now uses the new key. In OpenAI's table, press \u{201c}$1 $$ $KEY$\u{201d} in the old key's row. The extension never presses it for you."
        );
        assert_eq!(arity("core_need_mixed"), 5);
        assert_eq!(arity("core_progress"), 2);
        assert_eq!(arity("core_looks_different"), 0);
    }
}
