//! The TypeScript declarations of the protocol (src/wasm_api/protocol_types.rs,
//! which the extension's JavaScript is type-checked against) cannot drift
//! from the Rust types: every field and variant the core reads, as serde
//! itself reports them, and every key and kind the core writes, from a sample
//! of every reply, effect and nested shape, must be declared, and nothing
//! else may be. A failure lists each difference and what to change.

mod declarations;
mod serde_shapes;

use declarations::{member_with_kind, named_types, Declarations, Declared};
use innoslate_key_assistant::dispatch::{Context, Effect};
use innoslate_key_assistant::guide::progress::TabProgress;
use innoslate_key_assistant::guide::{Locator, Text};
use innoslate_key_assistant::key::{validate_key, KeyKind, ProblemCode, Severity, Verdict};
use innoslate_key_assistant::key_record::KeyRecord;
use innoslate_key_assistant::live_check::{self, LiveReport, ProbeResult};
use innoslate_key_assistant::origin::Origin;
use innoslate_key_assistant::page_report::{ElementFact, PageReport, Rect};
use innoslate_key_assistant::protocol::{Capture, GuideState, Overlay, Reply, Request};
use innoslate_key_assistant::sender_check::{OwnIdentity, PageKey, SenderFacts};
use innoslate_key_assistant::transfer::vault::VaultInfo;
use innoslate_key_assistant::transfer::{FillChoice, FillPlan, Transfer};
use serde_json::Value;
use serde_shapes::{shapes_of, Shapes};
use std::collections::BTreeSet;

const DECLARATIONS_FILE: &str = "src/wasm_api/protocol_types.rs";

fn declarations() -> Declarations {
    declarations::read(declarations::text_of(include_str!("../../../src/wasm_api/protocol_types.rs")))
}

fn assert_none(mut problems: Vec<String>) {
    // Several samples can show the same difference: name it once.
    let mut seen = BTreeSet::new();
    problems.retain(|p| seen.insert(p.clone()));
    assert!(
        problems.is_empty(),
        "the TypeScript declarations in {DECLARATIONS_FILE} do not match the Rust protocol:\n  - {}\n",
        problems.join("\n  - ")
    );
}

// ---- What the core reads ----

fn compare_fields(decls: &Declarations, ts_name: &str, rust: &str, rust_fields: &[&str], problems: &mut Vec<String>) {
    let Some(Declared::Interface(declared)) = decls.get(ts_name) else {
        problems.push(format!("no `export interface {ts_name}` for {rust} (fields: {})", rust_fields.join(", ")));
        return;
    };
    for field in rust_fields {
        if !declared.contains_key(*field) {
            problems.push(format!("`{ts_name}` lacks field `{field}`, which {rust} reads"));
        }
    }
    for field in declared.keys().filter(|f| *f != "kind") {
        if !rust_fields.contains(&field.as_str()) {
            problems.push(format!("`{ts_name}` declares `{field}`, which {rust} does not read"));
        }
    }
}

fn compare_literals(decls: &Declarations, ts_name: &str, rust: &str, variants: &[&str], problems: &mut Vec<String>) {
    let Some(Declared::Literals(declared)) = decls.get(ts_name) else {
        problems.push(format!("no `export type {ts_name} = \"…\" | …` for {rust} (values: {})", variants.join(", ")));
        return;
    };
    for variant in variants {
        if !declared.iter().any(|d| d == variant) {
            problems.push(format!("`{ts_name}` lacks \"{variant}\", a value of {rust}"));
        }
    }
    for d in declared {
        if !variants.contains(&d.as_str()) {
            problems.push(format!("`{ts_name}` declares \"{d}\", which {rust} does not have"));
        }
    }
}

/// Every struct serde met is compared with the interface of the same name;
/// enums of unit variants with the string union of the same name.
fn compare_read_shapes(decls: &Declarations, shapes: &Shapes, problems: &mut Vec<String>) {
    for (name, fields) in &shapes.structs {
        compare_fields(decls, name, &format!("Rust's {name}"), fields, problems);
    }
    for (name, variants) in &shapes.enums {
        let has_struct_variants = shapes.variant_fields.keys().any(|(e, _)| e == name);
        if !has_struct_variants {
            compare_literals(decls, name, &format!("Rust's {name}"), variants, problems);
        }
    }
}

/// Differences between the declared requests and what the core reads.
fn request_problems(decls: &Declarations) -> Vec<String> {
    let shapes = shapes_of::<Request>();
    let mut problems = Vec::new();
    let Some(Declared::Union(members)) = decls.get("Request") else {
        return vec![format!("{DECLARATIONS_FILE} must declare `export type Request = … | …`")];
    };
    let variants = &shapes.enums["Request"];
    for variant in variants {
        let fields = &shapes.variant_fields[&("Request", *variant)];
        match member_with_kind(decls, members, variant) {
            Some(member) => {
                compare_fields(decls, member, &format!("Rust's request \"{variant}\""), fields, &mut problems)
            }
            None => problems.push(format!(
                "`Request` has no member with `kind: \"{variant}\"` (Rust's request \"{variant}\" reads: {})",
                fields.join(", ")
            )),
        }
    }
    for member in members {
        let kind = match decls.get(member) {
            Some(Declared::Interface(f)) => f.get("kind").map(|k| k.type_text.trim_matches('"').to_string()),
            _ => None,
        };
        match kind {
            Some(kind) if !variants.contains(&kind.as_str()) => {
                problems.push(format!("`{member}` has `kind: \"{kind}\"`, a request Rust does not read"))
            }
            Some(_) => {}
            None => problems.push(format!("`Request` member `{member}` is not an interface with a `kind`")),
        }
    }
    compare_read_shapes(decls, &shapes, &mut problems);
    problems
}

#[test]
fn requests_declare_exactly_what_the_core_reads() {
    assert_none(request_problems(&declarations()));
}

#[test]
fn the_core_s_other_inputs_are_declared_exactly() {
    let decls = &declarations();
    let mut problems = Vec::new();
    compare_read_shapes(decls, &shapes_of::<Context>(), &mut problems);
    compare_read_shapes(decls, &shapes_of::<SenderFacts>(), &mut problems);
    compare_read_shapes(decls, &shapes_of::<OwnIdentity>(), &mut problems);
    for (ts, shapes) in [
        ("KeyKind", shapes_of::<KeyKind>()),
        ("Verdict", shapes_of::<Verdict>()),
        ("Severity", shapes_of::<Severity>()),
        ("ProblemCode", shapes_of::<ProblemCode>()),
    ] {
        assert!(shapes.enums.contains_key(ts), "traced {ts}");
        compare_read_shapes(decls, &shapes, &mut problems);
    }
    // What recordLiveCheck and liveCheckReport read, through ProbeResult's wire shape.
    let results = shapes_of::<ProbeResult>();
    assert!(results.enums.contains_key("ProbeId") && results.structs.contains_key("ApiError"), "traced the wire shape");
    compare_read_shapes(decls, &results, &mut problems);
    assert_none(problems);
}

// ---- What the core writes ----

/// Checks one written value against a declared type, recursively.
fn check_written(
    decls: &Declarations,
    ts_name: &str,
    value: &Value,
    at: &str,
    seen: &mut BTreeSet<String>,
    problems: &mut Vec<String>,
) {
    match decls.get(ts_name) {
        Some(Declared::Union(members)) => {
            let Some(kind) = value.get("kind").and_then(Value::as_str) else {
                problems.push(format!("{at}: Rust writes no `kind`, but `{ts_name}` is a union of kinds"));
                return;
            };
            match member_with_kind(decls, members, kind) {
                Some(member) => {
                    seen.insert(format!("{ts_name}.{member}"));
                    check_written(decls, member, value, at, seen, problems);
                }
                None => problems.push(format!(
                    "`{ts_name}` has no member with `kind: \"{kind}\"`, which Rust writes at {at} (its keys: {})",
                    keys(value)
                )),
            }
        }
        Some(Declared::Interface(fields)) => {
            let Some(object) = value.as_object() else {
                problems.push(format!("{at}: Rust writes {value}, not an object as `{ts_name}` says"));
                return;
            };
            for (key, item) in object {
                let Some(field) = fields.get(key) else {
                    problems.push(format!("`{ts_name}` lacks field `{key}`, which Rust writes at {at} (value {item})"));
                    continue;
                };
                let path = format!("{at}.{key}");
                if item.is_null() && !field.type_text.contains("null") {
                    problems.push(format!("`{ts_name}.{key}` can be null (at {path}); declare it `| null`"));
                }
                let nested = named_types(decls, &field.type_text);
                let elements: Vec<&Value> = match item {
                    Value::Array(items) => items.iter().collect(),
                    other => vec![other],
                };
                for element in elements.into_iter().filter(|e| e.is_object()) {
                    match nested.as_slice() {
                        [one] => check_written(decls, one, element, &path, seen, problems),
                        _ => problems.push(format!(
                            "`{ts_name}.{key}` is `{}`: name one declared type for the object Rust writes at {path}",
                            field.type_text
                        )),
                    }
                }
            }
            for (key, field) in fields {
                if !field.optional && !object.contains_key(key) {
                    problems.push(format!(
                        "`{ts_name}` declares `{key}`, which Rust does not write at {at} (mark it `{key}?` if Rust leaves it out at times)"
                    ));
                }
            }
        }
        _ => problems.push(format!("no `export interface {ts_name}` or union for what Rust writes at {at}")),
    }
}

fn keys(value: &Value) -> String {
    value.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>().join(", ")).unwrap_or_default()
}

/// The wire name of every reply: a reply added in Rust stops this from
/// compiling until it has a name here and a sample in `reply_samples`.
fn reply_kind(reply: &Reply) -> &'static str {
    match reply {
        Reply::Guide { .. } => "guide",
        Reply::Status { .. } => "status",
        Reply::Done { .. } => "done",
        Reply::KeyCheck { .. } => "key_check",
        Reply::Captured { .. } => "captured",
        Reply::Released { .. } => "released",
        Reply::Vault { .. } => "vault",
        Reply::Error { .. } => "error",
    }
}

/// Same for effects.
fn effect_kind(effect: &Effect) -> &'static str {
    match effect {
        Effect::PersistVault => "persist_vault",
        Effect::ClearVault => "clear_vault",
        Effect::OpenDestination { .. } => "open_destination",
        Effect::LiveCheck { .. } => "live_check",
        Effect::SaveKeyRecord { .. } => "save_key_record",
        Effect::KeyRevoked { .. } => "key_revoked",
    }
}

const DESTINATION: &str = "https://cloud.innoslate.com";

fn project_key() -> String {
    format!("sk-proj-{}T3BlbkFJ{}", "A".repeat(74), "b".repeat(74))
}

fn vault_info() -> VaultInfo {
    VaultInfo {
        masked: "sk-proj-\u{2026}bbbb".into(),
        kind: KeyKind::Project,
        destination: DESTINATION.into(),
        expires_at_ms: 2.0e6,
    }
}

/// An overlay with every optional part present.
fn full_overlay() -> Overlay {
    static WATCH: [Locator; 2] = [
        Locator::role_name("button", Text::Is("Create new secret key")),
        Locator::role_name("link", Text::StartsWith("API keys")).in_dialog().in_section(Text::Has("Project")),
    ];
    Overlay {
        guide: "openai-api-key",
        step: "save-your-key",
        number: 11,
        total: 11,
        progress: "core_revoke_progress_2".into(),
        title: "core_save_your_key_title",
        instruction: "core_save_your_key_do".into(),
        why: "core_save_your_key_why",
        advice: vec!["core_all_permissions".into()],
        target: Some(3),
        keep_clear: vec![1, 2],
        target_expected: true,
        watch: &WATCH,
        can_go_back: true,
        capture: Some(Capture { from: 3, label: "core_send_key" }),
        fill: Some(FillPlan {
            offer: "offer-1".into(),
            choices: vec![FillChoice { label: "Fill Both", fields: vec![1, 2] }],
            pick: false,
            masked: "sk-proj-\u{2026}bbbb".into(),
        }),
        live_test: Some("offer-1".into()),
    }
}

/// An overlay with every optional part absent.
fn bare_overlay() -> Overlay {
    Overlay { target: None, watch: &[], capture: None, fill: None, live_test: None, ..full_overlay() }
}

/// The key released the way the core releases it: held, offered to a page
/// that shows the field, then asked for by that page.
fn released() -> Reply {
    released_in(&mut Transfer::default())
}

fn released_in(transfer: &mut Transfer) -> Reply {
    assert!(transfer.restore(&project_key(), DESTINATION, 2.0e6, 1.0e6));
    let origin = Origin::parse_destination(DESTINATION).expect("destination");
    let field = |id: u32, section: &str| ElementFact {
        id,
        role: "textbox".into(),
        name: "OpenAI API Key".into(),
        label: "OpenAI API Key".into(),
        section: section.into(),
        rect: Rect { x: 0.0, y: 0.0, width: 200.0, height: 24.0 },
        ..Default::default()
    };
    let page = PageReport {
        url: format!("{DESTINATION}/acme/admin/preferences"),
        headings: vec!["Organization Preferences".into()],
        elements: vec![field(1, "Chat AI"), field(2, "Image AI")],
        ..Default::default()
    };
    let key = PageKey { tab: 1, document: None, url: page.url.clone() };
    transfer.innoslate_callout(&page, &key, &origin, 1.0e6, "offer-1");
    let key = transfer.release(&key, &origin, "offer-1", &[1], 1.0e6).expect("the offered page gets the key");
    Reply::Released { ok: true, key }
}

fn reply_samples() -> Vec<Reply> {
    vec![
        Reply::Guide { ok: true, overlay: Some(full_overlay()), paused: false },
        Reply::Guide { ok: true, overlay: Some(bare_overlay()), paused: false },
        Reply::Guide { ok: true, overlay: None, paused: true },
        Reply::Status {
            ok: true,
            version: "0.1.0",
            guide: GuideState {
                step: Some("keys"),
                title: Some("Open API keys"),
                number: 8,
                total: 11,
                furthest: 8,
                done: 7,
                paused: false,
                guide_off: false,
            },
        },
        Reply::Status {
            ok: true,
            version: "0.1.0",
            guide: GuideState {
                step: None,
                title: None,
                number: 0,
                total: 11,
                furthest: 0,
                done: 0,
                paused: false,
                guide_off: true,
            },
        },
        Reply::Done { ok: true },
        Reply::KeyCheck { ok: false, needs_confirmation: false, report: validate_key("sk-...abcd") },
        Reply::KeyCheck { ok: false, needs_confirmation: false, report: validate_key("") },
        Reply::Captured { ok: true, vault: vault_info() },
        released(),
        Reply::Vault {
            ok: true,
            vault: Some(vault_info()),
            destination: DESTINATION.into(),
            now_ms: 1.0e6,
            live_report: Some(live_report()),
            personal: true,
        },
        Reply::Vault {
            ok: true,
            vault: None,
            destination: DESTINATION.into(),
            now_ms: 1.0e6,
            live_report: None,
            personal: false,
        },
        Reply::error(
            innoslate_key_assistant::protocol::ErrorCode::NotAllowed,
            "Only the extension's own pages may ask for this.",
        ),
    ]
}

/// A report with every optional part present somewhere: models on the
/// chat and image lines, a next step and a link on the failed one.
fn live_report() -> LiveReport {
    let listed: Value = serde_json::json!({"data": [{"id": "gpt-4o"}, {"id": "dall-e-3"}]});
    let refused: Value = serde_json::json!({"error": {"message": "Missing scopes: model.request.", "code": null}});
    let results: Vec<ProbeResult> = serde_json::from_value(serde_json::json!([
        {"id": "models", "status": 200, "body": listed},
        {"id": "moderation", "status": 401, "body": refused},
    ]))
    .expect("results read");
    live_check::report(&results, false)
}

fn effect_samples() -> Vec<Effect> {
    vec![
        Effect::PersistVault,
        Effect::ClearVault,
        Effect::OpenDestination { url: format!("{DESTINATION}/") },
        Effect::LiveCheck { probes: live_check::plan(true), credit: true },
        Effect::SaveKeyRecord { record: Box::new(key_record()) },
        Effect::KeyRevoked { origin: DESTINATION.into(), id: "record-0".into() },
    ]
}

/// The record the core makes when the released key is filled.
fn key_record() -> KeyRecord {
    let mut transfer = Transfer::default();
    let _ = released_in(&mut transfer);
    let origin = Origin::parse_destination(DESTINATION).expect("destination");
    let page = PageKey { tab: 1, document: None, url: format!("{DESTINATION}/acme/admin/preferences") };
    let mut record = transfer
        .filled(&page, &origin, "offer-1", 1, 1.0e6, ("record-1", "record-0"))
        .expect("filled")
        .expect("a record");
    record.expires_ms = Some(3.0e9);
    record.live = Some(live_report().verdict);
    record.live_ms = Some(1.0e6);
    record.revoked_ms = Some(2.0e6);
    record
}

/// Every member of a declared union must be one Rust writes.
fn all_members_seen(decls: &Declarations, union: &str, seen: &BTreeSet<String>, problems: &mut Vec<String>) {
    let Some(Declared::Union(members)) = decls.get(union) else {
        problems.push(format!("{DECLARATIONS_FILE} must declare `export type {union} = … | …`"));
        return;
    };
    for member in members {
        if !seen.contains(&format!("{union}.{member}")) {
            problems.push(format!("`{union}` member `{member}` is a kind Rust never writes"));
        }
    }
}

/// Differences between the declared replies, effects and stored progress
/// and what the core writes.
fn reply_problems(decls: &Declarations) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    let samples = reply_samples();
    let kinds: BTreeSet<&str> = samples.iter().map(reply_kind).collect();
    for reply in &samples {
        let value = serde_json::to_value(reply).expect("replies serialize");
        assert_eq!(value["kind"], reply_kind(reply), "reply_kind names the wire kind");
        check_written(decls, "Reply", &value, &format!("reply \"{}\"", reply_kind(reply)), &mut seen, &mut problems);
    }
    assert_eq!(kinds.len(), 8, "a sample of every reply");
    all_members_seen(decls, "Reply", &seen, &mut problems);
    for effect in effect_samples() {
        let value = serde_json::to_value(&effect).expect("effects serialize");
        assert_eq!(value["kind"], effect_kind(&effect));
        check_written(
            decls,
            "Effect",
            &value,
            &format!("effect \"{}\"", effect_kind(&effect)),
            &mut seen,
            &mut problems,
        );
    }
    all_members_seen(decls, "Effect", &seen, &mut problems);
    let progress = TabProgress {
        step: Some("keys".into()),
        back_to: Some("welcome".into()),
        done: vec!["welcome".into()],
        ..Default::default()
    };
    let value = serde_json::to_value(&progress).expect("progress serializes");
    check_written(decls, "TabProgress", &value, "stored progress", &mut seen, &mut problems);
    problems
}

#[test]
fn replies_declare_exactly_what_the_core_writes() {
    assert_none(reply_problems(&declarations()));
}

// ---- The check itself catches drift ----
// Each edits the declarations the way a forgotten Rust change would leave
// them and expects the difference to be named (among any real ones).

fn declarations_with(edit: impl Fn(&str) -> String) -> Declarations {
    let source = include_str!("../../../src/wasm_api/protocol_types.rs");
    declarations::read(&edit(declarations::text_of(source)))
}

fn assert_named(problems: &[String], expected: &[&str]) {
    for message in expected {
        assert!(problems.iter().any(|p| p == message), "expected {message:?} among {problems:#?}");
    }
}

#[test]
fn a_renamed_reply_field_is_named() {
    let problems = reply_problems(&declarations_with(|ts| ts.replacen("  why: MessageId;", "  reason: MessageId;", 1)));
    assert_named(
        &problems,
        &[
            "`Overlay` lacks field `why`, which Rust writes at reply \"guide\".overlay (value \"core_save_your_key_why\")",
            "`Overlay` declares `reason`, which Rust does not write at reply \"guide\".overlay (mark it `reason?` if Rust leaves it out at times)",
        ],
    );
}

#[test]
fn a_reply_kind_missing_from_the_union_is_named() {
    let problems = reply_problems(&declarations_with(|ts| ts.replacen("  | ReleasedReply\n", "", 1)));
    assert!(problems.iter().any(|p| p.starts_with("`Reply` has no member with `kind: \"released\"`")), "{problems:#?}");
}

#[test]
fn a_missing_request_kind_and_field_are_named() {
    let edited =
        declarations_with(|ts| ts.replacen("  | FillDoneRequest\n", "", 1).replacen("  confirm?: boolean;\n", "", 1));
    assert_named(
        &request_problems(&edited),
        &[
            "`CaptureKeyRequest` lacks field `confirm`, which Rust's request \"capture_key\" reads",
            "`Request` has no member with `kind: \"fill_done\"` (Rust's request \"fill_done\" reads: v, offer, filled)",
        ],
    );
}

#[test]
fn a_renamed_nested_field_and_a_stale_value_are_named() {
    let edited = declarations_with(|ts| {
        ts.replacen("  test_id: string;", "  testid: string;", 1).replacen(
            "\"resume\" | ",
            "\"resume\" | \"skip\" | ",
            1,
        )
    });
    assert_named(
        &request_problems(&edited),
        &[
            "`ElementFact` lacks field `test_id`, which Rust's ElementFact reads",
            "`ElementFact` declares `testid`, which Rust's ElementFact does not read",
            "`GuideAction` declares \"skip\", which Rust's GuideAction does not have",
        ],
    );
}
