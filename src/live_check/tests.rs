//! The report for each kind of answer OpenAI gives, from the reply bodies
//! the practice site's API replica also serves.

use super::models::{best, Use, FAMILIES};
use super::replies::{classify, ApiBody, ApiError, ListedModel, Meaning};
use super::*;
use crate::message_words::said as w;

fn ok_models(ids: &[&str]) -> Outcome {
    let data = ids.iter().map(|id| ListedModel { id: id.to_string() }).collect();
    Outcome::Reply { status: 200, body: Some(ApiBody { error: None, data: Some(data) }) }
}
fn ok() -> Outcome {
    Outcome::Reply { status: 200, body: Some(ApiBody::default()) }
}
fn error(status: u16, code: Option<&str>, message: &str) -> Outcome {
    typed_error(status, "invalid_request_error", code, message)
}
fn typed_error(status: u16, kind: &str, code: Option<&str>, message: &str) -> Outcome {
    let error = ApiError { message: Some(message.into()), kind: Some(kind.into()), code: code.map(Into::into) };
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
    assert_eq!(w(r.lines[2].text), "Models it can use for Chat AI:");
    assert_eq!(r.lines[2].models, ["gpt-4o", "gpt-4o-mini"]);
    assert_eq!(w(r.lines[3].text), "Models it can use for Image AI:");
    assert_eq!(r.lines[3].models, ["gpt-image-1", "dall-e-3"]);
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
    assert_eq!(
        r.lines[1].next_step.map(w).as_deref(),
        Some("On OpenAI's API keys page, edit this key's permissions: set Models to Read, then test again.")
    );
}

#[test]
fn missing_model_request() {
    let r =
        report(&results(ok_models(ALL_MODELS), error(401, None, &format!("{MISSING} model.request.")), None), false);
    assert_eq!(r.verdict, LiveVerdict::Problem);
    assert_eq!(r.lines[4].check, CallModels);
    assert_eq!(r.lines[4].state, Fail);
    let next = w(r.lines[4].next_step.unwrap());
    // The level by its name on today's pages, and on the older ones.
    assert!(next
        .contains("set Model capabilities itself (not only rows inside it) to Request, called Write on older pages"));
    for said in [w(r.lines[4].text), next] {
        assert!(!said.contains("Model capabilities: Write") && !said.contains("\u{2192} Write"), "{said}");
    }
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
    assert!(w(r.advice()[0]).contains("its account's billing"), "{:?}", r.advice());
    // With a failing key line beside it, the key is the problem.
    let refused =
        error(401, None, "You have insufficient permissions for this operation. Missing scopes: model.request.");
    let quota = error(429, Some("insufficient_quota"), "You exceeded your current quota.");
    let r = report(&results(ok_models(ALL_MODELS), refused, Some(quota)), true);
    assert_eq!((r.lines[4].state, r.lines[5].state), (Fail, Fail), "{}", said(&r));
    assert_eq!(w(r.advice()[0]), "Tested with OpenAI: there is a problem with this key.");
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
        assert!(w(r.lines[0].next_step.unwrap()).contains("not mean the key is wrong"));
    }
    let r = report(&results(Outcome::Timeout, Outcome::Timeout, None), false);
    assert!(w(r.lines[0].text).contains("10 seconds"));
}

#[test]
fn no_chat_model_visible_is_a_problem_for_chat_ai() {
    let r = report(&results(ok_models(&["dall-e-3", "whisper-1"]), ok(), None), false);
    assert_eq!(r.lines[2].state, Fail);
    assert!(w(r.lines[2].text).contains("Chat AI"));
    assert_eq!(r.lines[3].state, Pass);
    assert_eq!(r.verdict, LiveVerdict::Problem);
}

#[test]
fn a_refusal_for_this_place() {
    let ip = error(401, None, "Your IP address is not authorized to make this request.");
    let r = report(&results(ip.clone(), ip, None), false);
    assert_eq!(r.lines[0].state, Fail);
    assert!(w(r.lines[0].text).contains("IP addresses"));
}

#[test]
fn the_plan_only_goes_to_the_api_and_only_bills_when_asked() {
    assert!(plan(true).iter().all(|p| p.url.starts_with("https://api.openai.com/v1/")));
    assert_eq!(plan(false).iter().map(|p| p.id).collect::<Vec<_>>(), vec![ProbeId::Models, ProbeId::Moderation]);
    assert_eq!(plan(true).last().map(|p| p.id), Some(ProbeId::Credit));
}

#[test]
fn chat_and_image_models_are_told_apart() {
    let serves = |id: &str, purpose: Use| best(&[id], purpose, MODELS_SHOWN) == [id];
    for id in ["gpt-4o", "gpt-4.1-mini", "o3-mini", "gpt-5", "gpt-4o-2024-08-06", "gpt-4-0613", "gpt-6"] {
        assert!(serves(id, Use::Chat) && !serves(id, Use::Image), "{id}");
    }
    for id in ["gpt-image-1", "dall-e-3", "gpt-image-1-mini", "gpt-image-2"] {
        assert!(serves(id, Use::Image) && !serves(id, Use::Chat), "{id}");
    }
    let neither = [
        "whisper-1",
        "gpt-4o-realtime-preview",
        "gpt-realtime",
        "gpt-4o-mini-tts",
        "gpt-4o-transcribe",
        "gpt-4o-audio-preview",
        "gpt-4o-search-preview",
        "text-embedding-3-large",
        "omni-moderation-latest",
        "gpt-3.5-turbo-instruct",
        "babbage-002",
        "davinci-002",
        "gpt-5-codex",
        "o3-deep-research",
        "o1-pro",
        "computer-use-preview",
        "tts-1",
        "sora-2",
    ];
    for id in neither {
        assert!(!serves(id, Use::Chat) && !serves(id, Use::Image), "{id}");
    }
}

#[test]
fn the_model_lines_name_innoslate_s_models_in_a_stable_order_not_the_list_s() {
    // Non-chat ids first, as a key's list can come.
    let listed = [
        "gpt-3.5-turbo-instruct",
        "babbage-002",
        "text-embedding-3-large",
        "gpt-4o-realtime-preview",
        "gpt-4o-mini-tts",
        "gpt-4o-search-preview",
        "omni-moderation-latest",
        "o1-pro",
        "dall-e-2",
        "gpt-4o-mini",
        "gpt-4o-2024-08-06",
        "gpt-4.1",
        "gpt-4o-2024-11-20",
        "gpt-image-1",
    ];
    let r = report(&results(ok_models(&listed), ok(), None), false);
    // One per family, best family first; a family without its base id is
    // named by its newest snapshot.
    assert_eq!(r.lines[2].models, ["gpt-4.1", "gpt-4o-2024-11-20", "gpt-4o-mini"]);
    assert_eq!(r.lines[3].models, ["gpt-image-1", "dall-e-2"]);
    let mut reversed = listed;
    reversed.reverse();
    let again = report(&results(ok_models(&reversed), ok(), None), false);
    assert_eq!((&again.lines[2].models, &again.lines[3].models), (&r.lines[2].models, &r.lines[3].models));
    // Only completions-only and other non-chat ids: no model for Chat AI.
    let r = report(&results(ok_models(&listed[..8]), ok(), None), false);
    assert_eq!((r.lines[2].state, r.lines[3].state), (Fail, Fail));
}

#[test]
fn a_long_model_list_is_cut_in_the_preference_order() {
    let many = ["gpt-4o", "gpt-4.1", "gpt-4o-mini", "o3-mini", "gpt-5", "o4-mini", "dall-e-3"];
    let r = report(&results(ok_models(&many), ok(), None), false);
    assert_eq!(r.lines[2].models, ["gpt-5", "gpt-4.1", "gpt-4o", "gpt-4o-mini"]);
    assert_eq!(r.lines[2].models.len(), MODELS_SHOWN);
    // A family the data does not know yet is still named, after the known
    // ones, highest name first.
    assert_eq!(best(&["gpt-6", "gpt-4o", "gpt-7-mini"], Use::Chat, MODELS_SHOWN), ["gpt-4o", "gpt-7-mini", "gpt-6"]);
    assert_eq!(best(&["gpt-7-mini", "gpt-6", "gpt-4o"], Use::Chat, MODELS_SHOWN), ["gpt-4o", "gpt-7-mini", "gpt-6"]);
}

#[test]
fn the_families_are_unique_and_say_what_they_serve() {
    for (i, (purpose, base)) in FAMILIES.iter().enumerate() {
        assert!(!FAMILIES[..i].iter().any(|(_, other)| other == base), "{base} twice");
        assert_eq!(best(&[base], *purpose, 1), [*base]);
    }
}

#[test]
fn the_callout_advice_says_each_reason_and_next_step_once() {
    let r = report(&results(Outcome::Timeout, Outcome::Timeout, None), false);
    let advice = r.advice();
    assert_eq!(w(advice[0]), "The test with OpenAI could not be completed.");
    assert_eq!(advice.iter().filter(|a| w(a).contains("not mean the key is wrong")).count(), 1, "{advice:?}");
    let works = report(&results(ok_models(ALL_MODELS), ok(), None), false);
    assert_eq!(
        works.advice().into_iter().map(w).collect::<Vec<_>>(),
        ["Tested with OpenAI: this key works for Chat AI and Image AI."]
    );
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

// ---- Replies of today's API that stop the test or are no one's fault ----

const NOT_ACTIVE: &str = "Your account is not active, please check your billing details on our website.";

/// Every text of the report, as one string, for "never says" checks.
fn said(r: &LiveReport) -> String {
    r.lines.iter().flat_map(|l| [Some(l.text), l.next_step]).flatten().map(w).collect::<Vec<_>>().join(" | ")
}

fn assert_billing_inactive(r: &LiveReport) {
    assert_eq!(r.verdict, LiveVerdict::Problem, "{}", said(r));
    assert_eq!(r.lines[0].state, Pass);
    let credit = &r.lines[5];
    assert_eq!((credit.check, credit.state, credit.link), (Credit, Fail, Some(BILLING_PAGE)));
    assert!(w(credit.text).contains("Billing is not active"), "{}", w(credit.text));
    let next = w(credit.next_step.unwrap());
    assert!(next.contains("owner") && next.contains("activate billing") && next.contains("same answer"), "{next}");
    // Neither a rate limit nor a "test again in a minute".
    assert!(!said(r).contains("rate limit") && !said(r).contains("in a minute"), "{}", said(r));
    assert!(r.lines.iter().all(|l| l.state != Unknown), "{}", said(r));
    // The callout's conclusion says whom it is about: the account, not the key.
    let conclusion = w(r.advice()[0]);
    assert!(conclusion.contains("knows this key") && conclusion.contains("billing"), "{conclusion}");
    assert!(!conclusion.contains("problem with this key"), "{conclusion}");
}

#[test]
fn billing_not_active_in_code_is_an_account_problem_with_its_own_next_step() {
    let inactive = error(429, Some("billing_not_active"), NOT_ACTIVE);
    let r = report(&results(inactive.clone(), inactive, None), false);
    assert_billing_inactive(&r);
    assert_eq!(
        states(&r),
        vec![
            (Known, Pass),
            (ListModels, Skipped),
            (ChatModels, Skipped),
            (ImageModels, Skipped),
            (CallModels, Skipped),
            (Credit, Fail)
        ]
    );
    assert!(r.lines[1..5]
        .iter()
        .all(|l| w(l.text) == "OpenAI takes no request from this account until its billing is in order."));
}

#[test]
fn billing_not_active_in_type_reads_the_same() {
    let inactive = typed_error(429, "billing_not_active", None, NOT_ACTIVE);
    // The list may still come; calling models is refused for billing.
    let r = report(&results(ok_models(ALL_MODELS), inactive, None), false);
    assert_billing_inactive(&r);
    assert_eq!((r.lines[1].state, r.lines[4].state), (Pass, Skipped));
    let asked = report(
        &results(ok_models(ALL_MODELS), ok(), Some(typed_error(429, "billing_not_active", None, NOT_ACTIVE))),
        true,
    );
    assert_billing_inactive(&asked);
}

#[test]
fn a_region_block_is_about_the_place_not_the_key() {
    let blocked = typed_error(
        403,
        "request_forbidden",
        Some("unsupported_country_region_territory"),
        "Country, region, or territory not supported",
    );
    let r = report(&results(blocked.clone(), blocked, None), false);
    // Not a problem with the key: the test could not be made from here.
    assert_eq!(r.verdict, LiveVerdict::CouldNotCheck);
    assert_eq!(r.lines[0].state, Unknown);
    assert!(w(r.lines[0].text).contains("cannot be used from this country or region"), "{}", w(r.lines[0].text));
    assert!(w(r.lines[0].text).contains("not the key"));
    assert!(!w(r.lines[0].text).contains("knows this key"));
    assert!(r.lines[1..]
        .iter()
        .all(|l| l.state == Skipped && w(l.text) == "OpenAI's API takes no request from this country or region."));
    let all = said(&r);
    for never in ["owner of your OpenAI organization", "recognise", "in a minute", "refuses it here"] {
        assert!(!all.contains(never), "{never}: {all}");
    }
}

#[test]
fn a_key_of_no_organization_stops_the_test_and_the_other_lines_say_why() {
    let orphan = error(401, Some("no_organization"), "You must be a member of an organization to use the API.");
    let r = report(&results(orphan.clone(), orphan, None), false);
    assert_eq!(r.verdict, LiveVerdict::Problem);
    assert_eq!(r.lines[0].state, Fail);
    assert!(w(r.lines[0].text).contains("not a member of an OpenAI organization"));
    assert!(w(r.lines[0].next_step.unwrap()).contains("create a new key"));
    assert!(r.lines[1..].iter().all(|l| l.state == Skipped
        && w(l.text) == "OpenAI takes no request with this key until its owner joins an organization."));
    assert!(!said(&r).contains("recognise") && !said(&r).contains("in a minute"), "{}", said(&r));
}

#[test]
fn a_mismatched_organization_is_about_the_network_and_not_retried() {
    let mismatched =
        error(401, Some("mismatched_organization"), "OpenAI-Organization header should match organization for API key");
    let r = report(&results(mismatched.clone(), mismatched, None), false);
    assert_eq!(r.verdict, LiveVerdict::CouldNotCheck);
    assert_eq!(r.lines[0].state, Unknown);
    assert!(w(r.lines[0].text).contains("names none"));
    assert!(w(r.lines[0].next_step.unwrap()).contains("same answer"));
    assert!(r.lines[1..].iter().all(|l| l.state == Skipped));
    assert!(!said(&r).contains("recognise") && !said(&r).contains("in a minute"), "{}", said(&r));
}

#[test]
fn recognised_replies_never_say_not_recognised_nor_try_again() {
    let recognised = [
        ok_models(ALL_MODELS),
        error(401, Some("invalid_api_key"), "Incorrect API key provided"),
        error(403, None, &format!("{MISSING} api.model.read.")),
        error(401, None, &format!("{MISSING} model.request.")),
        error(429, Some("insufficient_quota"), "You exceeded your current quota"),
        error(429, Some("billing_not_active"), NOT_ACTIVE),
        typed_error(429, "billing_not_active", None, NOT_ACTIVE),
        typed_error(
            403,
            "request_forbidden",
            Some("unsupported_country_region_territory"),
            "Country, region, or territory not supported",
        ),
        error(401, Some("no_organization"), "You must be a member of an organization to use the API."),
        error(401, None, "You must be a member of an organization to use the API."),
        error(401, Some("mismatched_organization"), "OpenAI-Organization header should match organization for API key"),
        error(401, None, "Your IP address is not authorized to make this request."),
    ];
    for models in &recognised {
        for moderation in &recognised {
            for credit in [None, Some(moderation.clone())] {
                let asked = credit.is_some();
                let r = report(&results(models.clone(), moderation.clone(), credit), asked);
                let all = said(&r);
                assert!(
                    !all.contains("does not recognise") && !all.contains("Try the test again"),
                    "{models:?} {moderation:?}: {all}"
                );
            }
        }
    }
}

#[test]
fn each_transient_failure_says_when_testing_again_makes_sense() {
    let when = |trouble: Outcome| {
        let r = report(&results(trouble.clone(), trouble, None), false);
        assert_eq!(r.verdict, LiveVerdict::CouldNotCheck);
        w(r.lines[0].next_step.unwrap())
    };
    assert!(when(error(429, Some("rate_limit_exceeded"), "Rate limit reached"))
        .starts_with("Test again in a minute or two: the limit lifts by itself."));
    assert!(when(error(503, None, "")).starts_with("Test again in a few minutes, once OpenAI's service has recovered"));
    assert!(when(Outcome::Timeout).starts_with("Test again in a minute, or on a faster connection."));
    assert!(when(Outcome::NetworkError).starts_with("Test again once this browser is online"));
    assert!(when(Outcome::NoPermission).contains("allow access when asked"));
}
