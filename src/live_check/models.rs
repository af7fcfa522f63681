//! The models Innoslate's Chat AI and Image AI would use, as data, and how
//! a key's model list is read against them.
//!
//! Where the list comes from: Innoslate's help ("Organization API Key
//! Configurations", 4.11) says an admin searches and selects the OpenAI
//! models Chat AI and Image AI use; which ids it offers is not published.
//! So [`FAMILIES`] holds OpenAI's general-purpose chat models (answered
//! through chat completions) and its image-generation models, most capable
//! first. Completions-only, embedding, audio, realtime, search, moderation,
//! coding-agent and research models are no use to Chat AI and are left out.
//! When OpenAI adds a family, add a row here; until then a new id shaped
//! like a chat or image model (`gpt-` or `o` and a version, `gpt-image`,
//! `dall-e`, none of the words in [`NOT_FOR_CHAT`]) is still named, after
//! the known families.

use crate::substring::Substring;

/// Which of Innoslate's features a model serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Chat AI: text answers.
    Chat,
    /// Image AI: generated images.
    Image,
}

/// Model families in preference order: a family is its base id, also
/// listed with a dated snapshot suffix (`gpt-4o-2024-08-06`, `gpt-4-0613`).
pub static FAMILIES: &[(Use, &str)] = &[
    (Use::Chat, "gpt-5.2"),
    (Use::Chat, "gpt-5.1"),
    (Use::Chat, "gpt-5"),
    (Use::Chat, "gpt-5-mini"),
    (Use::Chat, "gpt-4.1"),
    (Use::Chat, "gpt-4.1-mini"),
    (Use::Chat, "gpt-4o"),
    (Use::Chat, "gpt-4o-mini"),
    (Use::Chat, "o3"),
    (Use::Chat, "o4-mini"),
    (Use::Chat, "o3-mini"),
    (Use::Chat, "o1"),
    (Use::Chat, "gpt-5-nano"),
    (Use::Chat, "gpt-4.1-nano"),
    (Use::Chat, "gpt-4-turbo"),
    (Use::Chat, "gpt-4"),
    (Use::Chat, "gpt-3.5-turbo"),
    (Use::Image, "gpt-image-1"),
    (Use::Image, "gpt-image-1-mini"),
    (Use::Image, "dall-e-3"),
    (Use::Image, "dall-e-2"),
];

/// Words that make an id shaped like a chat model (`gpt-` or `o` and a
/// version) no use to Chat AI: completions-only, audio, realtime, search
/// (and deep research), coding-agent and `-pro` (Responses-only) ids.
/// Embedding, moderation, image and other ids never have that shape.
const NOT_FOR_CHAT: &[&str] = &["instruct", "audio", "realtime", "search", "tts", "transcribe", "codex", "-pro"];

/// The family `id` belongs to: the base itself, or the base and a snapshot
/// suffix of digits (`-2024-08-06`, `-0613`).
fn of_family(id: &str, base: &str) -> bool {
    match id.as_bytes().strip_prefix(base.as_bytes()) {
        Some([]) => true,
        Some([b'-', snapshot @ ..]) => {
            snapshot.first().is_some_and(u8::is_ascii_digit)
                && snapshot.iter().all(|b| b.is_ascii_digit() || *b == b'-')
        }
        _ => false,
    }
}

/// An id no family holds that still looks like a model for `purpose`.
fn looks_like(id: &str, purpose: Use) -> bool {
    match purpose {
        Use::Image => id.starts_with("gpt-image") || id.starts_with("dall-e"),
        Use::Chat => {
            let versioned = match id.as_bytes() {
                [b'g', b'p', b't', b'-', digit, ..] | [b'o', digit, ..] => digit.is_ascii_digit(),
                _ => false,
            };
            versioned && !NOT_FOR_CHAT.iter().any(|word| id.has(word))
        }
    }
}

/// The listed ids Innoslate would use for `purpose`, best first, at most
/// `most`: one per known family (its base id, else its newest snapshot),
/// in [`FAMILIES`]' order, then other ids that look right. The order never
/// depends on the list's order.
pub fn best<'a>(listed: &[&'a str], purpose: Use, most: usize) -> Vec<&'a str> {
    let mut chosen: Vec<&'a str> = Vec::new();
    for &(serves, base) in FAMILIES {
        if serves != purpose {
            continue;
        }
        // The base id if listed (it follows OpenAI's updates), else the
        // newest snapshot: dates sort as text.
        let pick = if listed.contains(&base) { Some(base) } else { highest(listed, &|id| of_family(id, base)) };
        chosen.extend(pick);
    }
    // Then ids no family holds yet, highest name first (newer versions sort
    // higher), so a new family does not read as "no model".
    let known = |id: &str| FAMILIES.iter().any(|(_, base)| of_family(id, base));
    while chosen.len() < most {
        let Some(id) = highest(listed, &|id| !chosen.contains(&id) && !known(id) && looks_like(id, purpose)) else {
            break;
        };
        chosen.push(id);
    }
    chosen.truncate(most);
    chosen
}

/// The highest id (by text) of those that `fits`.
fn highest<'a>(listed: &[&'a str], fits: &dyn Fn(&'a str) -> bool) -> Option<&'a str> {
    listed.iter().copied().filter(|id| fits(id)).fold(None, |top, id| match top {
        Some(t) if t >= id => Some(t),
        _ => Some(id),
    })
}
