//! Each hand writer against serde's derive on the same value: both give the
//! same JSON, numbers compared as JavaScript sees them (serde_json keeps
//! whole and fractional numbers apart; `JSON.parse` does not).

use crate::ai_feature::Purpose;
use crate::dispatch::Effect;
use crate::guide::advice::Part;
use crate::guide::progress::TabProgress;
use crate::guide::{innoslate, openai, Advice, Locator};
use crate::js_value::Write;
use crate::key::{KeyKind, KeyReport, Problem, ProblemCode, Severity, Verdict};
use crate::key_record::reminder::{ExpiryState, Reminder};
use crate::key_record::KeyRecord;
use crate::live_check::{self, Check, Line, LineState, LiveReport, LiveVerdict};
use crate::protocol::{Capture, ErrorCode, GuideState, Overlay, Reply};
use crate::transfer::vault::VaultInfo;
use crate::transfer::{FillChoice, FillPlan};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde::Serialize;
use serde_json::Value;

/// Every number as a float, as JavaScript holds it.
fn as_js(value: Value) -> Value {
    match value {
        Value::Number(n) => n.as_f64().map_or(Value::Null, Value::from),
        Value::Array(items) => Value::Array(items.into_iter().map(as_js).collect()),
        Value::Object(fields) => Value::Object(fields.into_iter().map(|(k, v)| (k, as_js(v))).collect()),
        other => other,
    }
}

fn written_as_serde_writes<T: Write + Serialize + std::fmt::Debug>(value: &T) -> Result<(), TestCaseError> {
    let by_hand: Value = value.write();
    let by_serde = serde_json::to_value(value).expect("serde writes every reply");
    prop_assert_eq!(as_js(by_hand), as_js(by_serde), "{:?}", value);
    Ok(())
}

fn statics() -> BoxedStrategy<&'static str> {
    prop::sample::select(&["", "create-key", "Step 2 of 9", "\u{201c}Test with OpenAI\u{201d}"][..]).boxed()
}

fn text() -> BoxedStrategy<String> {
    prop_oneof![statics().prop_map(String::from), "\\PC{0,8}"].boxed()
}

fn number() -> BoxedStrategy<f64> {
    prop_oneof![
        Just(0.0),
        Just(-0.0),
        Just(1_700_000_000_000.0),
        Just(2.5),
        any::<f64>().prop_filter("finite", |n| n.is_finite())
    ]
    .boxed()
}

fn one_of<T: Clone + std::fmt::Debug + 'static>(all: Vec<T>) -> BoxedStrategy<T> {
    prop::sample::select(all).boxed()
}

fn kind() -> BoxedStrategy<KeyKind> {
    use KeyKind::*;
    one_of(vec![User, Project, ServiceAccount, Admin, UnknownOpenai, NotOpenai])
}

fn live_verdict() -> BoxedStrategy<LiveVerdict> {
    one_of(vec![LiveVerdict::Works, LiveVerdict::Problem, LiveVerdict::CouldNotCheck])
}

fn error_code() -> BoxedStrategy<ErrorCode> {
    use ErrorCode::*;
    one_of(vec![
        ForeignSender,
        NotTopFrame,
        UnknownSenderUrl,
        WrongSite,
        BadMessage,
        BadVersion,
        NotAllowed,
        BadDestination,
        KeyExpired,
        NoKeyPending,
        NoFillOffered,
        StaleOffer,
        FieldsNotOffered,
        WrongDestination,
        NotReleasedHere,
    ])
}

fn problem() -> BoxedStrategy<Problem> {
    let code = one_of(ProblemCode::ALL.to_vec());
    (code, one_of(vec![Severity::Error, Severity::Warning]), advice())
        .prop_map(|(code, severity, message)| Problem { code, severity, message })
        .boxed()
}

fn key_report() -> BoxedStrategy<KeyReport> {
    let verdict = one_of(vec![Verdict::Valid, Verdict::Suspicious, Verdict::Invalid]);
    (verdict, kind(), prop::collection::vec(problem(), 0..3), prop::option::of(text()))
        .prop_map(|(verdict, kind, problems, masked)| KeyReport { verdict, kind, problems, masked })
        .boxed()
}

fn vault_info() -> BoxedStrategy<VaultInfo> {
    (text(), kind(), text(), number())
        .prop_map(|(masked, kind, destination, expires_at_ms)| VaultInfo { masked, kind, destination, expires_at_ms })
        .boxed()
}

fn live_report() -> BoxedStrategy<LiveReport> {
    use Check::*;
    use LineState::*;
    let line = (
        one_of(vec![Known, ListModels, ChatModels, ImageModels, CallModels, Credit]),
        one_of(vec![Pass, Fail, Unknown, Skipped]),
        statics(),
        prop::collection::vec(text(), 0..3),
        prop::option::of(statics()),
        prop::option::of(statics()),
    )
        .prop_map(|(check, state, text, models, next_step, link)| Line {
            check,
            state,
            text,
            models,
            next_step,
            link,
        });
    (live_verdict(), prop::collection::vec(line, 0..4))
        .prop_map(|(verdict, lines)| LiveReport { verdict, lines })
        .boxed()
}

/// Every locator the guides hold, so each way a step finds a control is
/// written once.
fn every_step() -> impl Iterator<Item = &'static crate::guide::Step> {
    openai::GUIDE.steps.iter().chain(innoslate::GUIDE.steps).chain([
        &innoslate::FILL_STEP,
        &innoslate::UNRECOGNISED_STEP,
        &innoslate::SAVE_STEP,
        &innoslate::CHAT_PROVIDER_STEP,
        &innoslate::IMAGE_PROVIDER_STEP,
        &innoslate::PROVIDER_STEP,
    ])
}

/// Messages as the core builds them: real ids of messages.json with as
/// many values as they take, each a name shown as it is, words of ours, or
/// a message of its own.
fn advice() -> BoxedStrategy<Advice> {
    let plain = one_of(vec!["core_sign_in_title", "core_sign_in_do", "core_sign_in_why"]).prop_map(Advice::ours);
    let leaf = prop_oneof![
        plain,
        text().prop_map(|t| Advice::filled("core_provider_choose_openai", &[Part::Shown(&t)])),
        one_of(vec!["core_sign_in_title", "core_sign_in_why"])
            .prop_map(|id| Advice::filled("core_provider_choose_openai", &[Part::Ours(id)])),
    ];
    leaf.prop_recursive(2, 6, 2, |inner| {
        (inner, text()).prop_map(|(said, shown)| {
            Advice::filled("core_provider_choose_named", &[Part::Said(&said), Part::Shown(&shown)])
        })
    })
    .boxed()
}

fn watch() -> BoxedStrategy<&'static [Locator]> {
    let mut targets: Vec<&'static [Locator]> = every_step().map(|s| s.target).collect();
    targets.push(&[]);
    one_of(targets)
}

fn overlay() -> BoxedStrategy<Overlay> {
    let fill = (
        text(),
        prop::collection::vec(
            (statics(), prop::collection::vec(any::<u32>(), 0..3))
                .prop_map(|(label, fields)| FillChoice { label, fields }),
            0..3,
        ),
        any::<bool>(),
        text(),
    )
        .prop_map(|(offer, choices, pick, masked)| FillPlan { offer, choices, pick, masked });
    let shown = (
        statics(),
        statics(),
        any::<u8>(),
        any::<u8>(),
        advice(),
        statics(),
        advice(),
        statics(),
        prop::collection::vec(advice(), 0..3),
    );
    let pointing = (
        prop::option::of(any::<u32>()),
        prop::collection::vec(any::<u32>(), 0..3),
        any::<bool>(),
        watch(),
        any::<bool>(),
        prop::option::of((any::<u32>(), statics()).prop_map(|(from, label)| Capture { from, label })),
        prop::option::of(fill),
        prop::option::of(text()),
    );
    (shown, pointing)
        .prop_map(
            |(
                (guide, step, number, total, progress, title, instruction, why, advice),
                (target, keep_clear, target_expected, watch, can_go_back, capture, fill, live_test),
            )| Overlay {
                guide,
                step,
                number,
                total,
                progress,
                title,
                instruction,
                why,
                advice,
                target,
                keep_clear,
                target_expected,
                watch,
                can_go_back,
                capture,
                fill,
                live_test,
            },
        )
        .boxed()
}

fn guide_state() -> BoxedStrategy<GuideState> {
    (
        prop::option::of(statics()),
        prop::option::of(statics()),
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(step, title, number, total, furthest, done, paused, guide_off)| GuideState {
            step,
            title,
            number,
            total,
            furthest,
            done,
            paused,
            guide_off,
        })
        .boxed()
}

fn reply() -> BoxedStrategy<Reply> {
    prop_oneof![
        (any::<bool>(), prop::option::of(overlay()), any::<bool>()).prop_map(|(ok, overlay, paused)| Reply::Guide {
            ok,
            overlay,
            paused
        }),
        (any::<bool>(), statics(), guide_state()).prop_map(|(ok, version, guide)| Reply::Status { ok, version, guide }),
        any::<bool>().prop_map(|ok| Reply::Done { ok }),
        (any::<bool>(), any::<bool>(), key_report()).prop_map(|(ok, needs_confirmation, report)| Reply::KeyCheck {
            ok,
            needs_confirmation,
            report
        }),
        (any::<bool>(), vault_info()).prop_map(|(ok, vault)| Reply::Captured { ok, vault }),
        (
            any::<bool>(),
            prop::option::of(vault_info()),
            text(),
            number(),
            prop::option::of(live_report()),
            any::<bool>()
        )
            .prop_map(|(ok, vault, destination, now_ms, live_report, personal)| Reply::Vault {
                ok,
                vault,
                destination,
                now_ms,
                live_report,
                personal
            }),
        (error_code(), statics()).prop_map(|(code, message)| Reply::error(code, message)),
    ]
    .boxed()
}

fn key_record() -> BoxedStrategy<KeyRecord> {
    let names = (text(), text(), text(), text(), text(), text(), text(), text(), text());
    let facts = (
        any::<bool>(),
        number(),
        prop::option::of(number()),
        text(),
        prop::collection::vec(one_of(vec![Purpose::ChatAi, Purpose::ImageAi, Purpose::Unspecified]), 0..3),
        any::<bool>(),
        prop::option::of(live_verdict()),
        prop::option::of(number()),
        text(),
        prop::option::of(number()),
        any::<bool>(),
    );
    (names, facts)
        .prop_map(
            |(
                (id, origin, masked, name, project, owner, permissions, organization, api_organization),
                (
                    personal,
                    created_ms,
                    expires_ms,
                    expiry,
                    fields,
                    saved,
                    live,
                    live_ms,
                    replaces,
                    revoked_ms,
                    revoke_dismissed,
                ),
            )| KeyRecord {
                id,
                origin,
                masked,
                name,
                project,
                owner,
                permissions,
                organization,
                api_organization,
                personal,
                created_ms,
                expires_ms,
                expiry,
                fields,
                saved,
                live,
                live_ms,
                replaces,
                revoked_ms,
                revoke_dismissed,
            },
        )
        .boxed()
}

fn effect() -> BoxedStrategy<Effect> {
    prop_oneof![
        Just(Effect::PersistVault),
        Just(Effect::ClearVault),
        text().prop_map(|url| Effect::OpenDestination { url }),
        any::<bool>().prop_map(|credit| Effect::LiveCheck { probes: live_check::plan(credit), credit }),
        key_record().prop_map(|record| Effect::SaveKeyRecord { record: Box::new(record) }),
        (text(), text()).prop_map(|(origin, id)| Effect::KeyRevoked { origin, id }),
    ]
    .boxed()
}

fn progress() -> BoxedStrategy<TabProgress> {
    (
        prop::option::of(text()),
        any::<u8>(),
        prop::collection::vec(text(), 0..3),
        any::<bool>(),
        prop::collection::vec(text(), 0..3),
        prop::option::of(text()),
        text(),
    )
        .prop_map(|(step, furthest, done, paused, skipped, back_to, page)| TabProgress {
            step,
            furthest,
            done,
            paused,
            skipped,
            back_to,
            page,
        })
        .boxed()
}

fn reminder() -> BoxedStrategy<Reminder> {
    use ExpiryState::*;
    (
        one_of(vec![Unknown, Later, Soon, Expired]),
        prop::option::of(any::<u32>()),
        text(),
        prop::option::of(any::<u32>()),
        prop::option::of(number()),
    )
        .prop_map(|(state, days_left, badge, notice, next_ms)| Reminder { state, days_left, badge, notice, next_ms })
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn writes_replies_as_serde_does(reply in reply()) {
        written_as_serde_writes(&reply)?;
    }

    #[test]
    fn writes_effects_as_serde_does(effects in prop::collection::vec(effect(), 0..3)) {
        written_as_serde_writes(&effects)?;
    }

    #[test]
    fn writes_progress_as_serde_does(progress in progress()) {
        written_as_serde_writes(&progress)?;
    }

    #[test]
    fn writes_reports_and_reminders_as_serde_does(report in key_report(), live in live_report(), reminder in reminder()) {
        written_as_serde_writes(&report)?;
        written_as_serde_writes(&live)?;
        written_as_serde_writes(&reminder)?;
    }
}

#[test]
fn writes_every_locator_of_the_guides_as_serde_does() {
    let mut seen = 0;
    for step in every_step() {
        for locator in step.target.iter().chain(step.keep_clear) {
            written_as_serde_writes(locator).unwrap();
            seen += 1;
        }
    }
    assert!(seen > 20, "only {seen} locators");
}

#[test]
fn writes_the_probes_as_serde_does() {
    written_as_serde_writes(&live_check::plan(true)).unwrap();
    written_as_serde_writes(&live_check::plan(false)).unwrap();
}

#[test]
fn leaves_an_empty_watch_out_and_writes_numbers_as_numbers() {
    let written: Value = Reply::Done { ok: true }.write();
    assert_eq!(written, serde_json::json!({"kind": "done", "ok": true}));
    let guide =
        (Just(true), overlay()).prop_map(|(ok, overlay)| Reply::Guide { ok, overlay: Some(overlay), paused: false });
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut saw_empty = false;
    for _ in 0..64 {
        let reply = guide.new_tree(&mut runner).unwrap().current();
        let Reply::Guide { overlay: Some(overlay), .. } = &reply else { unreachable!() };
        let written: Value = reply.write();
        assert_eq!(written["overlay"].get("watch").is_some(), !overlay.watch.is_empty());
        assert_eq!(written["overlay"]["number"], f64::from(overlay.number));
        saw_empty |= overlay.watch.is_empty();
    }
    assert!(saw_empty);
}

#[test]
fn writes_the_released_key_as_serde_does() {
    let key = format!("sk-proj-{}T3BlbkFJ{}", "Ab3_".repeat(18) + "xy", "Zq9-".repeat(18) + "wv");
    let mut transfer = crate::transfer::Transfer::default();
    assert!(transfer.restore(&key, "https://cloud.innoslate.com", 2.0, 1.0));
    let (exposed, _, _) = transfer.session_record().expect("a held key");
    let reply = Reply::Released { ok: true, key: exposed };
    written_as_serde_writes(&reply).unwrap();
    let written: Value = reply.write();
    assert_eq!(written["key"], key.as_str());
}
