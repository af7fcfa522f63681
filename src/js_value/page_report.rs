//! Reads a page report by hand rather than through serde.
//!
//! The report is the largest type a content script sends; serde's derive
//! gave each of its structs and lists a copy of the generic reading code
//! (about 7 KB of the core). This reader follows the same conventions as
//! [`super::read`] exactly, which the tests below check against the derive:
//! `null` and `undefined` are absent and leave a field's default, unknown
//! properties are not looked at, a number is an id only when it is a whole
//! number in range, and any other mismatch refuses the whole report. The
//! limits are checked afterwards, as for any report
//! ([`PageReport::within_limits`]).

use super::fields::{coordinate, flag_at, list, present, record, text_at, texts_at, whole, whole_at, Read};
use super::source::Source;
use super::Unfit;
use crate::page_report::{DialogFact, ElementFact, PageReport, Rect};

/// Reads `value` as a page report.
pub fn read_page_report<S: Source>(value: &S) -> Read<PageReport> {
    record(value)?;
    let mut report = PageReport::default();
    for (name, slot) in [("url", &mut report.url), ("title", &mut report.title)] {
        *slot = text_at(value, name)?;
    }
    if let Some(dialogs) = present(value, "dialogs")? {
        report.dialogs = list(&dialogs, dialog)?;
    }
    report.headings = texts_at(value, "headings")?;
    if let Some(elements) = present(value, "elements")? {
        report.elements = list(&elements, element)?;
    }
    Ok(report)
}

/// A `page_report` request's `v` and report, read as serde reads that
/// variant (both required); `None` for any other message, left to serde.
pub fn read_page_report_request<S: Source>(message: &S) -> Read<Option<(u32, PageReport)>> {
    if !message.is_record() || message.field("kind")?.text().as_deref() != Some("page_report") {
        return Ok(None);
    }
    let v = whole(&present(message, "v")?.ok_or(Unfit)?)?;
    let report = read_page_report(&present(message, "report")?.ok_or(Unfit)?)?;
    Ok(Some((v, report)))
}

// Each struct is filled in place, field kind by field kind, by helpers kept
// out of line: a struct literal with a `?` per field would need its own
// clean-up for every field that can fail, several KB for the element alone.

fn dialog<S: Source>(value: &S) -> Read<DialogFact> {
    record(value)?;
    let mut dialog = DialogFact::default();
    for (name, slot) in [("name", &mut dialog.name), ("description", &mut dialog.description)] {
        *slot = text_at(value, name)?;
    }
    dialog.modal = flag_at(value, "modal")?.unwrap_or_default();
    Ok(dialog)
}

#[inline(never)]
fn element<S: Source>(value: &S) -> Read<ElementFact> {
    record(value)?;
    let mut e = ElementFact::default();
    for (name, slot) in [
        ("role", &mut e.role),
        ("name", &mut e.name),
        ("label", &mut e.label),
        ("placeholder", &mut e.placeholder),
        ("section", &mut e.section),
        ("test_id", &mut e.test_id),
        ("value_text", &mut e.value_text),
    ] {
        *slot = text_at(value, name)?;
    }
    for (name, slot) in [
        ("in_nav", &mut e.in_nav),
        ("submit", &mut e.submit),
        ("mixed", &mut e.mixed),
        ("disabled", &mut e.disabled),
        ("has_value", &mut e.has_value),
        ("read_only", &mut e.read_only),
    ] {
        *slot = flag_at(value, name)?.unwrap_or_default();
    }
    for (name, slot) in [("checked", &mut e.checked), ("selected", &mut e.selected)] {
        *slot = flag_at(value, name)?;
    }
    e.id = whole_at(value, "id")?.unwrap_or_default();
    for (name, slot) in [("dialog", &mut e.dialog), ("form", &mut e.form)] {
        *slot = whole_at(value, name)?;
    }
    for (name, slot) in [("options", &mut e.options), ("row", &mut e.row)] {
        *slot = texts_at(value, name)?;
    }
    if let Some(rect) = present(value, "rect")? {
        e.rect = self::rect(&rect)?;
    }
    Ok(e)
}

fn rect<S: Source>(value: &S) -> Read<Rect> {
    record(value)?;
    let mut rect = Rect::default();
    for (name, slot) in
        [("x", &mut rect.x), ("y", &mut rect.y), ("width", &mut rect.width), ("height", &mut rect.height)]
    {
        if let Some(n) = present(value, name)? {
            *slot = coordinate(&n)?;
        }
    }
    Ok(rect)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
