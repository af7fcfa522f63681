//! Reads the results of a live key check by hand, to the same rules as
//! serde's derive through [`super::read`] (checked by the tests below): a
//! result and the API body it carries were five derived structs and two
//! enums, each with its own copy of the reading code.

use super::fields::{list, maybe_text_at, one_of, present, record, text_at, Read};
use super::source::Source;
use super::Unfit;
use crate::live_check::replies::{ApiBody, ApiError, ListedModel};
use crate::live_check::{Failure, ProbeId, ProbeResult, WireResult};

const PROBES: &[(&str, ProbeId)] =
    &[("models", ProbeId::Models), ("moderation", ProbeId::Moderation), ("credit", ProbeId::Credit)];
const FAILURES: &[(&str, Failure)] = &[
    ("timeout", Failure::Timeout),
    ("network_error", Failure::NetworkError),
    ("no_permission", Failure::NoPermission),
];

/// Reads `value` as one answer `{id, status, failure, body}` of a check.
pub fn read_probe_result<S: Source>(value: &S) -> Read<ProbeResult> {
    record(value)?;
    let id = one_of(&present(value, "id")?.ok_or(Unfit)?, PROBES)?;
    let status = match present(value, "status")? {
        Some(n) => status(&n)?,
        None => 0,
    };
    let failure = present(value, "failure")?.map(|f| one_of(&f, FAILURES)).transpose()?;
    let body = present(value, "body")?.map(|b| body(&b)).transpose()?;
    Ok(WireResult { id, status, failure, body }.into())
}

fn body<S: Source>(value: &S) -> Read<ApiBody> {
    record(value)?;
    let error = present(value, "error")?.map(|e| error(&e)).transpose()?;
    let data = present(value, "data")?.map(|d| list(&d, model)).transpose()?;
    Ok(ApiBody { error, data })
}

fn error<S: Source>(value: &S) -> Read<ApiError> {
    record(value)?;
    let [message, kind, code] =
        [maybe_text_at(value, "message")?, maybe_text_at(value, "type")?, maybe_text_at(value, "code")?];
    Ok(ApiError { message, kind, code })
}

fn model<S: Source>(value: &S) -> Read<ListedModel> {
    record(value)?;
    Ok(ListedModel { id: text_at(value, "id")? })
}

/// An HTTP status: a whole number that fits a `u16`.
fn status<S: Source>(value: &S) -> Read<u16> {
    let n = value.number().ok_or(Unfit)?;
    if n.fract() == 0.0 && (0.0..=f64::from(u16::MAX)).contains(&n) {
        Ok(n as u16)
    } else {
        Err(Unfit)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
