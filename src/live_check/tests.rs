//! The report for each kind of answer OpenAI gives, from the reply bodies
//! the practice site's API replica also serves.

use super::replies::{classify, ApiBody, ApiError, ListedModel, Meaning};
use super::*;

fn ok_models(ids: &[&str]) -> Outcome {
    let data = ids.iter().map(|id| ListedModel { id: id.to_string() }).collect();
    Outcome::Reply { status: 200, body: Some(ApiBody { error: None, data: Some(data) }) }
}
fn ok() -> Outcome {
    Outcome::Reply { status: 200, body: Some(ApiBody::default()) }
}
fn error(status: u16, code: Option<&str>, message: &str) -> Outcome {
    let error = ApiError {
        message: Some(message.into()),
        kind: Some("invalid_request_error".into()),
        code: code.map(Into::into),
    };
    Outcome::Reply { status, body: Some(ApiBody { error: Some(error), data: None }) }
}
fn results(models: Outcome, moderation: Outcome, credit: Option<Outcome>) -> Vec<ProbeResult> {
    let mut r = vec![
        ProbeResult { id: ProbeId::Models, outcome: models },
        ProbeResult { id: ProbeId::Moderation, outcome: moderation },
    ];
    if let Some(c) = credit {
        r.push(ProbeResult { id: ProbeId::Credit, outcome: c });
    }
    r
}
fn states(report: &LiveReport) -> Vec<(Check, LineState)> {
    report.lines.iter().map(|l| (l.check, l.state)).collect()
}
const ALL_MODELS: &[&str] =
    &["gpt-4o", "gpt-4o-mini", "dall-e-3", "gpt-image-1", "text-embedding-3-small", "whisper-1"];
const MISSING: &str = "You have insufficient permissions for this operation. Missing scopes:";

use Check::*;
use LineState::*;

#[test]
fn a_working_key() {
    let r = report(&results(ok_models(ALL_MODELS), ok(), None), false);
    assert_eq!(r.verdict, LiveVerdict::Works);
    assert_eq!(
        states(&r),
        vec![
            (Known, Pass),
            (ListModels, Pass),
            (ChatModels, Pass),
            (ImageModels, Pass),
            (CallModels, Pass),
            (Credit, Skipped)
        ]
    );
    assert_eq!(r.lines[2].text, "Models it can use for Chat AI:");
    assert_eq!(r.lines[2].models, ["gpt-4o", "gpt-4o-mini"]);
    assert_eq!(r.lines[3].text, "Models it can use for Image AI:");
    assert_eq!(r.lines[3].models, ["dall-e-3", "gpt-image-1"]);
}

#[test]
fn a_revoked_key() {
    let revoked = error(401, Some("invalid_api_key"), "Incorrect API key provided: sk-proj-****abcd.");
    let r = report(&results(revoked.clone(), revoked, None), false);
    assert_eq!(r.verdict, LiveVerdict::Problem);
    assert_eq!(r.lines[0].state, Fail);
    assert_eq!(r.lines[0].link, Some(KEYS_PAGE));
    assert!(r.lines[1..].iter().all(|l| l.state == Skipped));
}

#[test]
fn missing_models_read() {
    let r = report(&results(error(403, None, &format!("{MISSING} api.model.read.")), ok(), None), false);
    assert_eq!(r.verdict, LiveVerdict::Problem);
    assert_eq!(
        states(&r),
        vec![
            (Known, Pass),
            (ListModels, Fail),
            (ChatModels, Skipped),
            (ImageModels, Skipped),
            (CallModels, Pass),
            (Credit, Skipped)
        ]
    );
    assert!(r.lines[1].next_step.unwrap().contains("Models \u{2192} Read"));
}

#[test]
fn missing_model_request() {
    let r =
        report(&results(ok_models(ALL_MODELS), error(401, None, &format!("{MISSING} model.request.")), None), false);
    assert_eq!(r.verdict, LiveVerdict::Problem);
    assert_eq!(r.lines[4].check, CallModels);
    assert_eq!(r.lines[4].state, Fail);
    assert!(r.lines[4].next_step.unwrap().contains("Model capabilities \u{2192} Write"));
}

#[test]
fn no_quota_when_asked_and_when_the_free_request_says_so() {
    let quota = error(
        429,
        Some("insufficient_quota"),
        "You exceeded your current quota, please check your plan and billing details.",
    );
    let r = report(&results(ok_models(ALL_MODELS), ok(), Some(quota.clone())), true);
    assert_eq!(r.verdict, LiveVerdict::Problem);
    assert_eq!(r.lines[5].state, Fail);
    assert_eq!(r.lines[5].link, Some(BILLING_PAGE));
    let r = report(&results(ok_models(ALL_MODELS), ok(), Some(ok())), true);
    assert_eq!((r.verdict, r.lines[5].state), (LiveVerdict::Works, Pass));
    let r = report(&results(ok_models(ALL_MODELS), quota, None), false);
    assert_eq!((r.lines[4].state, r.lines[5].state), (Pass, Fail));
}

#[test]
fn rate_limits_errors_timeouts_and_odd_answers_are_never_invalid() {
    let troubles = [
        error(429, Some("rate_limit_exceeded"), "Rate limit reached"),
        error(500, None, "The server had an error while processing your request."),
        Outcome::Timeout,
        Outcome::NetworkError,
        Outcome::NoPermission,
        Outcome::Reply { status: 200, body: None },
        Outcome::Reply { status: 401, body: None },
        error(401, Some("brand_new_code"), "Something we have never seen"),
    ];
    for trouble in troubles {
        let r = report(&results(trouble.clone(), trouble.clone(), None), false);
        assert_eq!(r.verdict, LiveVerdict::CouldNotCheck, "{trouble:?}");
        assert!(r.lines.iter().all(|l| l.state != Fail), "{trouble:?}");
        assert_eq!(r.lines[0].state, Unknown, "{trouble:?}");
        assert!(r.lines[0].next_step.unwrap().contains("not mean the key is wrong"));
    }
    let r = report(&results(Outcome::Timeout, Outcome::Timeout, None), false);
    assert!(r.lines[0].text.contains("10 seconds"));
}

#[test]
fn no_chat_model_visible_is_a_problem_for_chat_ai() {
    let r = report(&results(ok_models(&["dall-e-3", "whisper-1"]), ok(), None), false);
    assert_eq!(r.lines[2].state, Fail);
    assert!(r.lines[2].text.contains("Chat AI"));
    assert_eq!(r.lines[3].state, Pass);
    assert_eq!(r.verdict, LiveVerdict::Problem);
}

#[test]
fn a_refusal_for_this_place() {
    let ip = error(401, None, "Your IP address is not authorized to make this request.");
    let r = report(&results(ip.clone(), ip, None), false);
    assert_eq!(r.lines[0].state, Fail);
    assert!(r.lines[0].text.contains("IP addresses"));
}

#[test]
fn the_plan_only_goes_to_the_api_and_only_bills_when_asked() {
    assert!(plan(true).iter().all(|p| p.url.starts_with("https://api.openai.com/v1/")));
    assert_eq!(plan(false).iter().map(|p| p.id).collect::<Vec<_>>(), vec![ProbeId::Models, ProbeId::Moderation]);
    assert_eq!(plan(true).last().map(|p| p.id), Some(ProbeId::Credit));
}

#[test]
fn chat_and_image_models_are_told_apart() {
    for id in ["gpt-4o", "gpt-4.1-mini", "o3-mini", "gpt-5"] {
        assert!(is_chat_model(id) && !is_image_model(id), "{id}");
    }
    for id in ["gpt-image-1", "dall-e-3"] {
        assert!(is_image_model(id) && !is_chat_model(id), "{id}");
    }
    for id in ["whisper-1", "gpt-4o-realtime-preview", "gpt-4o-mini-tts", "text-embedding-3-large"] {
        assert!(!is_chat_model(id) && !is_image_model(id), "{id}");
    }
}

#[test]
fn a_long_model_list_is_cut_in_openai_s_order() {
    let many = ["gpt-4o", "gpt-4.1", "gpt-4o-mini", "o3-mini", "gpt-5", "o4-mini", "dall-e-3"];
    let r = report(&results(ok_models(&many), ok(), None), false);
    assert_eq!(r.lines[2].models, ["gpt-4o", "gpt-4.1", "gpt-4o-mini", "o3-mini"]);
    assert_eq!(r.lines[2].models.len(), MODELS_SHOWN);
}

#[test]
fn the_callout_advice_says_each_reason_and_next_step_once() {
    let r = report(&results(Outcome::Timeout, Outcome::Timeout, None), false);
    let advice = r.advice();
    assert_eq!(advice[0], "The test with OpenAI could not be completed.");
    assert_eq!(advice.iter().filter(|a| a.contains("not mean the key is wrong")).count(), 1, "{advice:?}");
    let works = report(&results(ok_models(ALL_MODELS), ok(), None), false);
    assert_eq!(works.advice(), ["Tested with OpenAI: this key works for Chat AI and Image AI."]);
}

#[test]
fn the_wire_shape_reads_into_outcomes() {
    let read = |value: serde_json::Value| -> ProbeResult { serde_json::from_value(value).expect("reads") };
    assert!(matches!(read(serde_json::json!({"id": "models", "failure": "timeout"})).outcome, Outcome::Timeout));
    assert!(matches!(read(serde_json::json!({"id": "models", "status": 0})).outcome, Outcome::NetworkError));
    assert!(matches!(
        read(serde_json::json!({"id": "credit", "failure": "no_permission"})).outcome,
        Outcome::NoPermission
    ));
    let answered =
        read(serde_json::json!({"id": "moderation", "status": 401, "body": {"error": {"code": "invalid_api_key"}}}));
    assert_eq!(answered.id, ProbeId::Moderation);
    assert_eq!(classify(&answered.outcome), Meaning::UnknownKey);
}
