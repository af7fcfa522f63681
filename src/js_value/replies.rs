//! The core's replies written by hand ([`Write`]), field by field in the
//! order and with the names serde's derive gives them (checked by the tests
//! beside this file against `serde_json::to_value`). Serde's writer made a
//! copy of its field, element and sequence code for every field type, and
//! threaded a `Result` through every field although writing a plain value
//! cannot fail.
//!
//! Each writer only moves fields: a text field is written as whatever text
//! it holds.

use super::sink::{field, Sink, Write};
use crate::ai_feature::Purpose;
use crate::dispatch::Effect;
use crate::guide::progress::TabProgress;
use crate::guide::{Advice, By, Locator, SentValue, Wordings};
use crate::key::{KeyKind, KeyReport, Problem, ProblemCode, Severity, Verdict};
use crate::key_record::reminder::{ExpiryState, Reminder};
use crate::key_record::KeyRecord;
use crate::live_check::{Check, Line, LineState, LiveReport, LiveVerdict, Probe, ProbeId};
use crate::protocol::{Capture, ErrorCode, GuideState, Overlay, Reply};
use crate::transfer::vault::VaultInfo;
use crate::transfer::{ExposedKey, FillChoice, FillPlan};

/// A record tagged with `kind`, as serde writes a variant of an internally
/// tagged enum.
fn tagged<S: Sink>(kind: &str) -> S {
    let mut record = S::record();
    field(&mut record, "kind", kind);
    record
}

impl Write for Reply {
    fn write<S: Sink>(&self) -> S {
        match self {
            Reply::Guide { ok, overlay, paused } => {
                let mut r = tagged("guide");
                field(&mut r, "ok", ok);
                field(&mut r, "overlay", overlay);
                field(&mut r, "paused", paused);
                r
            }
            Reply::Status { ok, version, guide } => {
                let mut r = tagged("status");
                field(&mut r, "ok", ok);
                field(&mut r, "version", version);
                field(&mut r, "guide", guide);
                r
            }
            Reply::Done { ok } => {
                let mut r = tagged("done");
                field(&mut r, "ok", ok);
                r
            }
            Reply::KeyCheck { ok, needs_confirmation, report } => {
                let mut r = tagged("key_check");
                field(&mut r, "ok", ok);
                field(&mut r, "needs_confirmation", needs_confirmation);
                field(&mut r, "report", report);
                r
            }
            Reply::Captured { ok, vault } => {
                let mut r = tagged("captured");
                field(&mut r, "ok", ok);
                field(&mut r, "vault", vault);
                r
            }
            Reply::Released { ok, key } => {
                let mut r = tagged("released");
                field(&mut r, "ok", ok);
                field(&mut r, "key", key);
                r
            }
            Reply::Vault { ok, vault, destination, now_ms, live_report, personal } => {
                let mut r = tagged("vault");
                field(&mut r, "ok", ok);
                field(&mut r, "vault", vault);
                field(&mut r, "destination", destination);
                field(&mut r, "now_ms", now_ms);
                field(&mut r, "live_report", live_report);
                field(&mut r, "personal", personal);
                r
            }
            Reply::Error { ok, code, message } => {
                let mut r = tagged("error");
                field(&mut r, "ok", ok);
                field(&mut r, "code", code);
                field(&mut r, "message", message);
                r
            }
        }
    }
}

impl Write for ExposedKey {
    fn write<S: Sink>(&self) -> S {
        S::text(self.as_str())
    }
}

impl Write for ErrorCode {
    fn write<S: Sink>(&self) -> S {
        S::text(self.as_str())
    }
}

impl Write for Overlay {
    fn write<S: Sink>(&self) -> S {
        let mut r = S::record();
        field(&mut r, "guide", self.guide);
        field(&mut r, "step", self.step);
        field(&mut r, "number", &self.number);
        field(&mut r, "total", &self.total);
        field(&mut r, "progress", &self.progress);
        field(&mut r, "title", self.title);
        field(&mut r, "instruction", &self.instruction);
        field(&mut r, "why", self.why);
        field(&mut r, "advice", &self.advice);
        field(&mut r, "target", &self.target);
        field(&mut r, "keep_clear", &self.keep_clear);
        field(&mut r, "target_expected", &self.target_expected);
        if !self.watch.is_empty() {
            field(&mut r, "watch", self.watch);
        }
        field(&mut r, "can_go_back", &self.can_go_back);
        field(&mut r, "capture", &self.capture);
        field(&mut r, "fill", &self.fill);
        field(&mut r, "live_test", &self.live_test);
        r
    }
}

/// `[id, ...values]`, as `Advice`'s own `Serialize` writes it.
impl Write for Advice {
    fn write<S: Sink>(&self) -> S {
        let mut list = S::list();
        list.push(S::text(self.id()));
        for value in self.values() {
            list.push(match value {
                SentValue::Ours(id) => {
                    let mut ours = S::list();
                    ours.push(S::text(id));
                    ours
                }
                SentValue::Shown(text) => S::text(text),
                SentValue::Said(advice) => advice.write(),
            });
        }
        list
    }
}

/// Flat, as `Locator`'s own `Serialize` writes it.
impl Write for Locator {
    fn write<S: Sink>(&self) -> S {
        let (by, (mode, text)) = match self.by {
            By::Name(t) => ("name", t.parts()),
            By::Label(t) => ("label", t.parts()),
            By::Placeholder(t) => ("placeholder", t.parts()),
            By::TestId(id) => ("test_id", ("is", Wordings::One(id))),
            By::Role => ("role", ("is", Wordings::One(""))),
            By::Expiration => ("expiration", ("is", Wordings::One(""))),
            By::ReadOnly => ("read_only", ("is", Wordings::One(""))),
        };
        let section = self.section.map(|t| t.parts());
        let mut r = S::record();
        field(&mut r, "role", &self.role);
        field(&mut r, "by", by);
        field(&mut r, "mode", mode);
        field(&mut r, "text", &text);
        field(&mut r, "in_dialog", &self.in_dialog);
        field(&mut r, "when_empty", &self.when_empty);
        field(&mut r, "until_checked", &self.until_checked);
        field(&mut r, "section_mode", &section.map(|p| p.0));
        field(&mut r, "section_text", &section.map(|p| p.1));
        field(&mut r, "in_nav", &self.in_nav);
        r
    }
}

impl Write for Wordings {
    fn write<S: Sink>(&self) -> S {
        match *self {
            Wordings::One(w) => S::text(w),
            Wordings::Many(ws) => ws.write(),
        }
    }
}

impl Write for Capture {
    fn write<S: Sink>(&self) -> S {
        let mut r = S::record();
        field(&mut r, "from", &self.from);
        field(&mut r, "label", self.label);
        r
    }
}

impl Write for FillPlan {
    fn write<S: Sink>(&self) -> S {
        let mut r = S::record();
        field(&mut r, "offer", &self.offer);
        field(&mut r, "choices", &self.choices);
        field(&mut r, "pick", &self.pick);
        field(&mut r, "masked", &self.masked);
        r
    }
}

impl Write for FillChoice {
    fn write<S: Sink>(&self) -> S {
        let mut r = S::record();
        field(&mut r, "label", self.label);
        field(&mut r, "fields", &self.fields);
        r
    }
}

impl Write for GuideState {
    fn write<S: Sink>(&self) -> S {
        let mut r = S::record();
        field(&mut r, "step", &self.step);
        field(&mut r, "title", &self.title);
        field(&mut r, "number", &self.number);
        field(&mut r, "total", &self.total);
        field(&mut r, "furthest", &self.furthest);
        field(&mut r, "done", &self.done);
        field(&mut r, "paused", &self.paused);
        field(&mut r, "guide_off", &self.guide_off);
        r
    }
}

impl Write for KeyReport {
    fn write<S: Sink>(&self) -> S {
        let mut r = S::record();
        field(&mut r, "verdict", &self.verdict);
        field(&mut r, "kind", &self.kind);
        field(&mut r, "problems", &self.problems);
        field(&mut r, "masked", &self.masked);
        r
    }
}

impl Write for Problem {
    fn write<S: Sink>(&self) -> S {
        let mut r = S::record();
        field(&mut r, "code", &self.code);
        field(&mut r, "severity", &self.severity);
        field(&mut r, "message", &self.message);
        r
    }
}

impl Write for VaultInfo {
    fn write<S: Sink>(&self) -> S {
        let mut r = S::record();
        field(&mut r, "masked", &self.masked);
        field(&mut r, "kind", &self.kind);
        field(&mut r, "destination", &self.destination);
        field(&mut r, "expires_at_ms", &self.expires_at_ms);
        r
    }
}

impl Write for LiveReport {
    fn write<S: Sink>(&self) -> S {
        let mut r = S::record();
        field(&mut r, "verdict", &self.verdict);
        field(&mut r, "lines", &self.lines);
        r
    }
}

impl Write for Line {
    fn write<S: Sink>(&self) -> S {
        let mut r = S::record();
        field(&mut r, "check", &self.check);
        field(&mut r, "state", &self.state);
        field(&mut r, "text", self.text);
        field(&mut r, "models", &self.models);
        field(&mut r, "next_step", &self.next_step);
        field(&mut r, "link", &self.link);
        r
    }
}

impl Write for TabProgress {
    fn write<S: Sink>(&self) -> S {
        let mut r = S::record();
        field(&mut r, "step", &self.step);
        field(&mut r, "furthest", &self.furthest);
        field(&mut r, "done", &self.done);
        field(&mut r, "paused", &self.paused);
        field(&mut r, "skipped", &self.skipped);
        field(&mut r, "back_to", &self.back_to);
        field(&mut r, "page", &self.page);
        r
    }
}

impl Write for Effect {
    fn write<S: Sink>(&self) -> S {
        match self {
            Effect::PersistVault => tagged("persist_vault"),
            Effect::ClearVault => tagged("clear_vault"),
            Effect::OpenDestination { url } => {
                let mut r = tagged("open_destination");
                field(&mut r, "url", url);
                r
            }
            Effect::LiveCheck { probes, credit } => {
                let mut r = tagged("live_check");
                field(&mut r, "probes", probes);
                field(&mut r, "credit", credit);
                r
            }
            // Serde writes a struct inside an internally tagged variant
            // under the variant's own field name, as here.
            Effect::SaveKeyRecord { record } => {
                let mut r = tagged("save_key_record");
                field(&mut r, "record", record);
                r
            }
            Effect::KeyRevoked { origin, id } => {
                let mut r = tagged("key_revoked");
                field(&mut r, "origin", origin);
                field(&mut r, "id", id);
                r
            }
        }
    }
}

impl Write for Probe {
    fn write<S: Sink>(&self) -> S {
        let mut r = S::record();
        field(&mut r, "id", &self.id);
        field(&mut r, "method", self.method);
        field(&mut r, "url", self.url);
        field(&mut r, "body", &self.body);
        r
    }
}

impl Write for KeyRecord {
    fn write<S: Sink>(&self) -> S {
        let mut r = S::record();
        field(&mut r, "id", &self.id);
        field(&mut r, "origin", &self.origin);
        field(&mut r, "masked", &self.masked);
        field(&mut r, "name", &self.name);
        field(&mut r, "project", &self.project);
        field(&mut r, "owner", &self.owner);
        field(&mut r, "permissions", &self.permissions);
        field(&mut r, "organization", &self.organization);
        field(&mut r, "api_organization", &self.api_organization);
        field(&mut r, "personal", &self.personal);
        field(&mut r, "created_ms", &self.created_ms);
        field(&mut r, "expires_ms", &self.expires_ms);
        field(&mut r, "expiry", &self.expiry);
        field(&mut r, "fields", &self.fields);
        field(&mut r, "saved", &self.saved);
        field(&mut r, "live", &self.live);
        field(&mut r, "live_ms", &self.live_ms);
        field(&mut r, "replaces", &self.replaces);
        field(&mut r, "revoked_ms", &self.revoked_ms);
        field(&mut r, "revoke_dismissed", &self.revoke_dismissed);
        r
    }
}

impl Write for Reminder {
    fn write<S: Sink>(&self) -> S {
        let mut r = S::record();
        field(&mut r, "state", &self.state);
        field(&mut r, "days_left", &self.days_left);
        field(&mut r, "badge", &self.badge);
        field(&mut r, "notice", &self.notice);
        field(&mut r, "next_ms", &self.next_ms);
        r
    }
}

// The unit enums, by their snake_case names.

impl Write for Verdict {
    fn write<S: Sink>(&self) -> S {
        S::text(match self {
            Verdict::Valid => "valid",
            Verdict::Suspicious => "suspicious",
            Verdict::Invalid => "invalid",
        })
    }
}

impl Write for KeyKind {
    fn write<S: Sink>(&self) -> S {
        S::text(match self {
            KeyKind::User => "user",
            KeyKind::Project => "project",
            KeyKind::ServiceAccount => "service_account",
            KeyKind::Admin => "admin",
            KeyKind::UnknownOpenai => "unknown_openai",
            KeyKind::NotOpenai => "not_openai",
        })
    }
}

impl Write for Severity {
    fn write<S: Sink>(&self) -> S {
        S::text(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

impl Write for ProblemCode {
    fn write<S: Sink>(&self) -> S {
        S::text(self.as_str())
    }
}

impl Write for Purpose {
    fn write<S: Sink>(&self) -> S {
        S::text(match self {
            Purpose::ChatAi => "chat_ai",
            Purpose::ImageAi => "image_ai",
            Purpose::Unspecified => "unspecified",
        })
    }
}

impl Write for ProbeId {
    fn write<S: Sink>(&self) -> S {
        S::text(match self {
            ProbeId::Models => "models",
            ProbeId::Moderation => "moderation",
            ProbeId::Credit => "credit",
        })
    }
}

impl Write for Check {
    fn write<S: Sink>(&self) -> S {
        S::text(match self {
            Check::Known => "known",
            Check::ListModels => "list_models",
            Check::ChatModels => "chat_models",
            Check::ImageModels => "image_models",
            Check::CallModels => "call_models",
            Check::Credit => "credit",
        })
    }
}

impl Write for LineState {
    fn write<S: Sink>(&self) -> S {
        S::text(match self {
            LineState::Pass => "pass",
            LineState::Fail => "fail",
            LineState::Unknown => "unknown",
            LineState::Skipped => "skipped",
        })
    }
}

impl Write for LiveVerdict {
    fn write<S: Sink>(&self) -> S {
        S::text(match self {
            LiveVerdict::Works => "works",
            LiveVerdict::Problem => "problem",
            LiveVerdict::CouldNotCheck => "could_not_check",
        })
    }
}

impl Write for ExpiryState {
    fn write<S: Sink>(&self) -> S {
        S::text(match self {
            ExpiryState::Unknown => "unknown",
            ExpiryState::Later => "later",
            ExpiryState::Soon => "soon",
            ExpiryState::Expired => "expired",
        })
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
