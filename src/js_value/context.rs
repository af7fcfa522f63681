//! Reads the stored state and clock that come with every message
//! ([`Context`]) by hand, to the same rules as serde's derive through
//! [`super::read`] (checked by the tests below): the context, the tab's
//! progress, the replacement under way and the live check's policy were
//! three derived structs and an enum, each with its own copy of the reading
//! code.

use super::fields::{coordinate, flag_at, maybe_text_at, one_of, present, record, text_at, texts_at, whole, Read};
use super::source::Source;
use super::Unfit;
use crate::dispatch::Context;
use crate::guide::progress::TabProgress;
use crate::key_record::replace::Replacing;
use crate::live_check::Policy;

const POLICIES: &[(&str, Policy)] = &[("off", Policy::Off), ("ask", Policy::Ask), ("required", Policy::Required)];

/// Reads `value` as a [`Context`]; absent properties take their defaults.
pub fn read_context<S: Source>(value: &S) -> Read<Context> {
    record(value)?;
    let progress = present(value, "progress")?.map(|p| progress(&p)).transpose()?.unwrap_or_default();
    let guide_off = flag_at(value, "guide_off")?.unwrap_or_default();
    let destination = maybe_text_at(value, "destination")?;
    let ttl_ms = present(value, "ttl_ms")?.map(|n| coordinate(&n)).transpose()?;
    let now_ms = present(value, "now_ms")?.map(|n| coordinate(&n)).transpose()?.unwrap_or_default();
    let offer_nonce = text_at(value, "offer_nonce")?;
    let live_check = present(value, "live_check")?.map(|p| one_of(&p, POLICIES)).transpose()?.unwrap_or_default();
    let replacing = present(value, "replacing")?.map(|r| replacing(&r)).transpose()?;
    Ok(Context { progress, guide_off, destination, ttl_ms, now_ms, offer_nonce, live_check, replacing })
}

fn progress<S: Source>(value: &S) -> Read<TabProgress> {
    record(value)?;
    let step = maybe_text_at(value, "step")?;
    let furthest = match present(value, "furthest")? {
        Some(n) => u8::try_from(whole(&n)?).map_err(|_| Unfit)?,
        None => 0,
    };
    let done = texts_at(value, "done")?;
    let paused = flag_at(value, "paused")?.unwrap_or_default();
    let skipped = texts_at(value, "skipped")?;
    let back_to = maybe_text_at(value, "back_to")?;
    let page = text_at(value, "page")?;
    Ok(TabProgress { step, furthest, done, paused, skipped, back_to, page })
}

fn replacing<S: Source>(value: &S) -> Read<Replacing> {
    record(value)?;
    let [origin, id, name, masked] =
        [text_at(value, "origin")?, text_at(value, "id")?, text_at(value, "name")?, text_at(value, "masked")?];
    let revoke = flag_at(value, "revoke")?.unwrap_or_default();
    Ok(Replacing { origin, id, name, masked, revoke })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
