//! Reads the sender facts and the background's own identity by hand, to the
//! same rules as serde's derive through [`super::read`] (checked by the
//! tests below): every message carries both, and the derive gave each its
//! own copy of the reading code.

use super::fields::{flag_at, integer_at, maybe_text_at, record, text_at, Read};
use super::source::Source;
use crate::sender_check::{OwnIdentity, SenderFacts};

/// Reads `value` as the browser's facts about a message's sender.
pub fn read_sender<S: Source>(value: &S) -> Read<SenderFacts> {
    record(value)?;
    let [id, url] = [text_at(value, "id")?, text_at(value, "url")?];
    let [origin, document_id] = [maybe_text_at(value, "origin")?, maybe_text_at(value, "document_id")?];
    let [frame_id, tab_id] = [integer_at(value, "frame_id")?, integer_at(value, "tab_id")?];
    let in_tab = flag_at(value, "in_tab")?.unwrap_or_default();
    Ok(SenderFacts { id, url, origin, frame_id, in_tab, tab_id, document_id })
}

/// Reads `value` as the background's own extension id and origin.
pub fn read_own_identity<S: Source>(value: &S) -> Read<OwnIdentity> {
    record(value)?;
    Ok(OwnIdentity { id: text_at(value, "id")?, origin: text_at(value, "origin")? })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
