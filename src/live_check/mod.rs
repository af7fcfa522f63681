//! Live key check: asks OpenAI whether a key works and has what Innoslate's
//! Chat AI and Image AI need, before the key goes to Innoslate.
//!
//! The core plans the requests ([`plan`]) and reads the answers
//! ([`report`]); the loader only performs the fetches (the key goes to
//! `https://api.openai.com` in the `Authorization` header and nowhere else)
//! and hands back each status and parsed body. The check is advice: the
//! admin may send an untested key unless the organization's policy says
//! otherwise.

pub mod models;
pub mod replies;

use models::Use;
use replies::{classify, ApiBody, Meaning, Outcome, Trouble};
use serde::{Deserialize, Serialize};

/// The only origin a key is ever sent to for checking.
pub const API_ORIGIN: &str = "https://api.openai.com";
/// How long one request may take before the check says "could not check".
pub const TIMEOUT_MS: u32 = 10_000;
/// Where keys and their permissions are edited.
pub const KEYS_PAGE: &str = "https://platform.openai.com/api-keys";
/// Where credit is added.
pub const BILLING_PAGE: &str = "https://platform.openai.com/settings/organization/billing";

/// The organization's rule for the check (managed policy `liveKeyCheck`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    /// The test is not offered.
    Off,
    /// The test is offered; the admin may send an untested key.
    #[default]
    Ask,
    /// A key is filled into Innoslate only after a test found it working.
    Required,
}

/// What the Innoslate callout says while a required test has not passed.
pub const TEST_FIRST: &str = "core_live_test_first";

/// What the Innoslate callout offers while the held key is untested.
pub const TEST_OFFER: &str = "core_live_test_offer";

/// The requests of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProbeId {
    /// `GET /v1/models`: is the key known, may it list models, which ones.
    Models,
    /// `POST /v1/moderations`: may it call models (free of charge).
    Moderation,
    /// `POST /v1/chat/completions` with one output token: does the account have credit.
    Credit,
}

/// One request for the loader to make.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Probe {
    /// Which request this is; the answer comes back under this id.
    pub id: ProbeId,
    /// HTTP method.
    pub method: &'static str,
    /// Full URL, always on [`API_ORIGIN`].
    pub url: &'static str,
    /// JSON body for POST requests.
    pub body: Option<&'static str>,
}

/// The requests to make, in order. The credit request costs money, so it is
/// only planned when the admin (or the policy) asked for it.
pub fn plan(with_credit: bool) -> Vec<Probe> {
    let mut probes = vec![
        Probe { id: ProbeId::Models, method: "GET", url: "https://api.openai.com/v1/models", body: None },
        Probe {
            id: ProbeId::Moderation,
            method: "POST",
            url: "https://api.openai.com/v1/moderations",
            body: Some(r#"{"input":"ok"}"#),
        },
    ];
    if with_credit {
        probes.push(Probe {
            id: ProbeId::Credit,
            method: "POST",
            url: "https://api.openai.com/v1/chat/completions",
            body: Some(r#"{"model":"gpt-4o-mini","max_tokens":1,"messages":[{"role":"user","content":"ok"}]}"#),
        });
    }
    probes
}

/// One answered request, as the loader hands it back.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "WireResult")]
pub struct ProbeResult {
    /// Which request.
    pub id: ProbeId,
    /// How it ended.
    pub outcome: Outcome,
}

/// Why no answer came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// No answer within [`TIMEOUT_MS`].
    Timeout,
    /// The request failed before an answer: offline, a proxy, a closed network.
    NetworkError,
    /// The browser has not been allowed to reach the API.
    NoPermission,
}

/// A result on the wire: `{id, status, failure, body}`, flat, as the
/// loader's fetch sees it.
#[derive(Deserialize)]
pub struct WireResult {
    /// Which request this answers.
    pub id: ProbeId,
    /// The HTTP status; 0 when no answer came.
    #[serde(default)]
    pub status: u16,
    /// Why no answer came.
    #[serde(default)]
    pub failure: Option<Failure>,
    /// The answer's JSON body, when it had one.
    #[serde(default)]
    pub body: Option<ApiBody>,
}

impl From<WireResult> for ProbeResult {
    fn from(wire: WireResult) -> ProbeResult {
        let outcome = match (wire.failure, wire.status) {
            (Some(Failure::Timeout), _) => Outcome::Timeout,
            (Some(Failure::NoPermission), _) => Outcome::NoPermission,
            (Some(Failure::NetworkError), _) | (None, 0) => Outcome::NetworkError,
            (None, status) => Outcome::Reply { status, body: wire.body },
        };
        ProbeResult { id: wire.id, outcome }
    }
}

/// What a line of the report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// OpenAI knows the key and it is not revoked.
    Known,
    /// It may list models (Models: Read).
    ListModels,
    /// A chat model is visible to it (Chat AI).
    ChatModels,
    /// An image model is visible to it (Image AI).
    ImageModels,
    /// It may call models (Model capabilities: Request, Write on older pages).
    CallModels,
    /// The account has credit (optional).
    Credit,
}

/// How a line came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineState {
    /// Checked and fine.
    Pass,
    /// Checked and not fine: `next_step` says what to do.
    Fail,
    /// Could not be checked; says nothing against the key.
    Unknown,
    /// Not checked (an earlier line decided it, or it was not asked for).
    Skipped,
}

/// One line of the report, in the admin's words. Every text is a fixed
/// sentence (the callout shows them as they are); the models a key can use
/// come separately, in `models`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// What was checked.
    pub check: Check,
    /// How it came out.
    pub state: LineState,
    /// What was found; for an unknown line, why it could not be checked.
    pub text: &'static str,
    /// The models of this line's kind the key can use, best first (chat and
    /// image lines only; at most [`MODELS_SHOWN`]; see [`models::best`]).
    pub models: Vec<String>,
    /// What to do about a failed or unknown line.
    pub next_step: Option<&'static str>,
    /// A page that helps with the next step.
    pub link: Option<&'static str>,
}

/// The whole report's conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LiveVerdict {
    /// Every checked line passed.
    Works,
    /// At least one line failed.
    Problem,
    /// Nothing failed, but something could not be checked.
    CouldNotCheck,
}

/// The capability report shown in the callout and the popup.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LiveReport {
    /// The conclusion.
    pub verdict: LiveVerdict,
    /// One line per check, in a fixed order.
    pub lines: Vec<Line>,
}

const NEW_KEY: &str = "core_live_new_key";
const SET_MODELS_READ: &str = "core_live_set_models_read";
const SET_MODEL_REQUEST: &str = "core_live_set_model_request";
const ADD_CREDIT: &str = "core_live_add_credit";
const NO_CREDIT: &str = "core_live_no_credit";
const BILLING_INACTIVE: &str = "core_live_billing_inactive";
const ACTIVATE_BILLING: &str = "core_live_activate_billing";
const STOPPED_BY_BILLING: &str = "core_live_stopped_by_billing";
const PROJECT_MODELS: &str = "core_live_project_models";

/// How many model names a line lists.
pub const MODELS_SHOWN: usize = 4;

fn line(check: Check, state: LineState, text: &'static str) -> Line {
    Line { check, state, text, models: Vec::new(), next_step: None, link: None }
}

fn fail(check: Check, text: &'static str, next: &'static str, link: Option<&'static str>) -> Line {
    Line { check, state: LineState::Fail, text, models: Vec::new(), next_step: Some(next), link }
}

fn unknown(check: Check, trouble: Trouble) -> Line {
    Line {
        check,
        state: LineState::Unknown,
        text: trouble.text(),
        models: Vec::new(),
        next_step: Some(trouble.next_step()),
        link: None,
    }
}

fn meaning_of(results: &[ProbeResult], id: ProbeId) -> Option<Meaning> {
    results.iter().find(|r| r.id == id).map(|r| classify(&r.outcome))
}

/// The trouble an answer reports; an answer of no known kind is unfamiliar.
fn trouble_in(meanings: &[Option<Meaning>]) -> Trouble {
    meanings
        .iter()
        .find_map(|m| match m {
            Some(Meaning::CouldNotCheck(trouble)) => Some(*trouble),
            _ => None,
        })
        .unwrap_or(Trouble::Unfamiliar)
}

fn skip(lines: &mut Vec<Line>, checks: &[Check], why: &'static str) {
    lines.extend(checks.iter().map(|check| line(*check, LineState::Skipped, why)));
}

const AFTER_KNOWN: &[Check] =
    &[Check::ListModels, Check::ChatModels, Check::ImageModels, Check::CallModels, Check::Credit];

/// Reads the answers into the report. Lines whose request is missing from
/// `results` count as not checked.
pub fn report(results: &[ProbeResult], credit_asked: bool) -> LiveReport {
    use Meaning::*;
    let models = meaning_of(results, ProbeId::Models);
    let moderation = meaning_of(results, ProbeId::Moderation);
    let credit = meaning_of(results, ProbeId::Credit);
    let all = [models, moderation, credit];
    let mut lines = Vec::with_capacity(6);

    if all.iter().any(|m| matches!(m, Some(UnknownKey))) {
        lines.push(fail(Check::Known, "core_live_unknown_key", NEW_KEY, Some(KEYS_PAGE)));
        skip(&mut lines, AFTER_KNOWN, "core_live_skipped_unknown");
        return finish(lines);
    }
    // A refusal every request gets (no organization, the place, the
    // network) stops the test: the other lines say why they were not checked.
    if let Some(refusal) = all.iter().find_map(|m| match m {
        Some(Refused(refusal)) => Some(*refusal),
        _ => None,
    }) {
        let state = if refusal.blames_the_key() { LineState::Fail } else { LineState::Unknown };
        lines.push(Line {
            check: Check::Known,
            state,
            text: refusal.text(),
            models: Vec::new(),
            next_step: Some(refusal.next_step()),
            link: None,
        });
        skip(&mut lines, AFTER_KNOWN, refusal.stops());
        return finish(lines);
    }

    // Known: an answer about the key's permissions or account proves OpenAI
    // knows it.
    let known = all.iter().any(|m| matches!(m, Some(Success | MissingScopes | NoCredit | BillingInactive)));
    lines.push(if known {
        line(Check::Known, LineState::Pass, "core_live_check_known")
    } else {
        unknown(Check::Known, trouble_in(&[models, moderation]))
    });

    // Models: Read, and which models Innoslate would use are visible.
    let listed = results.iter().find(|r| r.id == ProbeId::Models).and_then(|r| match &r.outcome {
        Outcome::Reply { body: Some(body), .. } => body.data.as_ref(),
        _ => None,
    });
    const MODEL_LINES: &[Check] = &[Check::ChatModels, Check::ImageModels];
    match (models, listed) {
        (Some(Success), Some(list)) => {
            lines.push(line(Check::ListModels, LineState::Pass, "core_live_check_may_list_models"));
            let ids: Vec<&str> = list.iter().map(|m| m.id.as_str()).collect();
            lines.push(models_line(&ids, Check::ChatModels));
            lines.push(models_line(&ids, Check::ImageModels));
        }
        // Listing needs only `api.model.read`, whatever else a refusal names.
        (Some(MissingScopes), _) => {
            lines.push(fail(
                Check::ListModels,
                "core_live_check_may_not_list_models",
                SET_MODELS_READ,
                Some(KEYS_PAGE),
            ));
            skip(&mut lines, MODEL_LINES, "core_live_skipped_may_not_list_models");
        }
        (Some(BillingInactive | NoCredit), _) => {
            skip(&mut lines, &[Check::ListModels, Check::ChatModels, Check::ImageModels], STOPPED_BY_BILLING)
        }
        (m, _) => {
            lines.push(unknown(Check::ListModels, trouble_in(&[m])));
            skip(&mut lines, MODEL_LINES, "core_live_skipped_model_list_unavailable");
        }
    }

    // Model capabilities (scope model.request), by a free request.
    lines.push(match moderation {
        Some(Success | NoCredit) => line(Check::CallModels, LineState::Pass, "core_live_check_may_call_models"),
        Some(MissingScopes) => {
            fail(Check::CallModels, "core_live_check_may_not_call_models", SET_MODEL_REQUEST, Some(KEYS_PAGE))
        }
        Some(BillingInactive) => line(Check::CallModels, LineState::Skipped, STOPPED_BY_BILLING),
        other => unknown(Check::CallModels, trouble_in(&[other])),
    });

    // Credit: asked only when ticked, because it costs money; a free request
    // that already told us is said rather than hidden.
    lines.push(if all.iter().any(|m| matches!(m, Some(BillingInactive))) {
        fail(Check::Credit, BILLING_INACTIVE, ACTIVATE_BILLING, Some(BILLING_PAGE))
    } else if all.iter().any(|m| matches!(m, Some(NoCredit))) {
        fail(Check::Credit, NO_CREDIT, ADD_CREDIT, Some(BILLING_PAGE))
    } else if !credit_asked {
        line(Check::Credit, LineState::Skipped, "core_live_check_credit_not_asked")
    } else {
        match credit {
            Some(Success) => line(Check::Credit, LineState::Pass, "core_live_check_has_credit"),
            Some(MissingScopes) => line(Check::Credit, LineState::Skipped, "core_live_check_credit_unknown"),
            other => unknown(Check::Credit, trouble_in(&[other])),
        }
    });
    finish(lines)
}

fn models_line(listed: &[&str], check: Check) -> Line {
    let chat = check == Check::ChatModels;
    let found = models::best(listed, if chat { Use::Chat } else { Use::Image }, MODELS_SHOWN);
    if found.is_empty() {
        let text = if chat { "core_live_no_model_chat_ai" } else { "core_live_no_model_image_ai" };
        return fail(check, text, PROJECT_MODELS, None);
    }
    let text = if chat { "core_live_models_for_chat_ai" } else { "core_live_models_for_image_ai" };
    let mut shown = line(check, LineState::Pass, text);
    shown.models = found.into_iter().map(str::to_string).collect();
    shown
}

impl LiveReport {
    /// Whether the check found the key working.
    pub fn works(&self) -> bool {
        self.verdict == LiveVerdict::Works
    }

    /// The report as the callout's advice list: the conclusion, then each
    /// line that did not pass with its next step.
    pub fn advice(&self) -> Vec<&'static str> {
        let mut advice = vec![match self.verdict {
            LiveVerdict::Works => "core_live_summary_works",
            // Only the credit line failed: the account's billing, not the key.
            LiveVerdict::Problem
                if self.lines.iter().all(|l| l.state != LineState::Fail || l.check == Check::Credit) =>
            {
                "core_live_summary_billing_stops"
            }
            LiveVerdict::Problem => "core_live_summary_problem",
            LiveVerdict::CouldNotCheck => "core_live_summary_incomplete",
        }];
        for line in self.lines.iter().filter(|l| matches!(l.state, LineState::Fail | LineState::Unknown)) {
            // Several lines can share a reason or a next step: say each once.
            for text in [Some(line.text), line.next_step].into_iter().flatten() {
                if !advice.contains(&text) {
                    advice.push(text);
                }
            }
        }
        advice
    }
}

fn finish(lines: Vec<Line>) -> LiveReport {
    let verdict = if lines.iter().any(|l| l.state == LineState::Fail) {
        LiveVerdict::Problem
    } else if lines.iter().any(|l| l.state == LineState::Unknown) {
        LiveVerdict::CouldNotCheck
    } else {
        LiveVerdict::Works
    };
    LiveReport { verdict, lines }
}

#[cfg(test)]
mod tests;
