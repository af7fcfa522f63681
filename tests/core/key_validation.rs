//! Table and property tests for `key::validate_key` / `key::accept_key`.
//!
//! All keys here are synthetic: built from a seeded pattern in the exact
//! shapes of the reference table (shared/reference/openai-key-formats.md).
#![cfg(not(target_arch = "wasm32"))]

use innoslate_key_assistant::key::{
    accept_key, normalise, validate_key, KeyKind, KeyReport, ProblemCode, Severity, Verdict,
};
use proptest::prelude::*;

// The words behind the core's message ids, read from messages.json as the
// browsers read them.
#[allow(dead_code)]
#[path = "../../src/message_words.rs"]
mod message_words;

/// A problem's message in words: its id and values as the core writes
/// them, put into words the way the extension does.
fn said(message: &impl serde::Serialize) -> String {
    fn words(value: &serde_json::Value) -> String {
        let parts = value.as_array().expect("a message is [id, ...values]");
        let values: Vec<String> =
            parts[1..].iter().map(|v| v.as_str().map_or_else(|| words(v), str::to_string)).collect();
        message_words::words(parts[0].as_str().unwrap(), &values)
    }
    words(&serde_json::to_value(message).unwrap())
}

// ---------------------------------------------------------------- helpers

const MARKER: &str = "T3BlbkFJ";
const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const URLSAFE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `count` characters of `alphabet` from a seeded xorshift generator.
fn pattern(seed: u64, count: usize, alphabet: &[u8]) -> String {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..count)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            alphabet[(x % alphabet.len() as u64) as usize] as char
        })
        .collect()
}

fn make(prefix: &str, left: usize, right: usize, alphabet: &[u8], seed: u64) -> String {
    let key = format!("{prefix}{}{MARKER}{}", pattern(seed, left, alphabet), pattern(seed ^ 0xABCD, right, alphabet));
    assert_eq!(key.matches(MARKER).count(), 1, "pattern produced a second marker");
    key
}

/// One row of the reference table.
#[derive(Debug)]
struct Shape {
    prefix: &'static str,
    half: usize,
    alphabet: &'static [u8],
    kind: KeyKind,
    total: usize,
}

const SHAPES: [Shape; 8] = [
    Shape { prefix: "sk-", half: 20, alphabet: ALNUM, kind: KeyKind::User, total: 51 },
    Shape { prefix: "sk-proj-", half: 20, alphabet: ALNUM, kind: KeyKind::Project, total: 56 },
    Shape { prefix: "sk-None-", half: 20, alphabet: ALNUM, kind: KeyKind::User, total: 56 },
    Shape { prefix: "sk-proj-", half: 74, alphabet: URLSAFE, kind: KeyKind::Project, total: 164 },
    Shape { prefix: "sk-proj-", half: 58, alphabet: URLSAFE, kind: KeyKind::Project, total: 132 },
    Shape { prefix: "sk-svcacct-", half: 74, alphabet: URLSAFE, kind: KeyKind::ServiceAccount, total: 167 },
    Shape { prefix: "sk-svcacct-", half: 58, alphabet: URLSAFE, kind: KeyKind::ServiceAccount, total: 135 },
    Shape { prefix: "sk-admin-", half: 58, alphabet: URLSAFE, kind: KeyKind::Admin, total: 133 },
];

fn key_of(shape: &Shape, seed: u64) -> String {
    make(shape.prefix, shape.half, shape.half, shape.alphabet, seed)
}

fn project_key(seed: u64) -> String {
    key_of(&SHAPES[3], seed)
}

fn codes(r: &KeyReport) -> Vec<ProblemCode> {
    r.problems.iter().map(|p| p.code).collect()
}

fn error_codes(r: &KeyReport) -> Vec<ProblemCode> {
    r.problems.iter().filter(|p| p.is_error()).map(|p| p.code).collect()
}

/// The report's serialized, Debug and field forms do not contain `secret`.
fn assert_no_leak(report: &KeyReport, secret: &str) {
    let json = serde_json::to_string(report).unwrap();
    let debug = format!("{report:?}");
    assert!(!json.contains(secret), "json leaks: {json}");
    assert!(!debug.contains(secret), "debug leaks: {debug}");
    for p in &report.problems {
        assert!(!said(&p.message).contains(secret), "message leaks: {}", said(&p.message));
    }
    if let Some(m) = &report.masked {
        assert!(!m.contains(secret), "masked leaks");
    }
}

// ---------------------------------------------------------- shape tables

#[test]
fn every_reference_shape_classifies_as_the_table_says() {
    for (i, shape) in SHAPES.iter().enumerate() {
        for seed in 0..20u64 {
            let key = key_of(shape, seed * 31 + i as u64);
            assert_eq!(key.len(), shape.total);
            let r = validate_key(&key);
            assert_eq!(r.kind, shape.kind, "{}+{}", shape.prefix, shape.half);
            if shape.kind == KeyKind::Admin {
                assert_eq!(r.verdict, Verdict::Invalid);
                assert_eq!(codes(&r), [ProblemCode::AdminKey]);
            } else {
                assert_eq!(r.verdict, Verdict::Valid, "{}+{}: {r:?}", shape.prefix, shape.half);
                assert!(r.problems.is_empty(), "{r:?}");
            }
            let shown = r.masked.expect("long keys are masked");
            assert_eq!(shown, format!("{}\u{2026}{}", shape.prefix, &key[key.len() - 4..]));
        }
    }
}

#[test]
fn unfamiliar_openai_shapes_are_suspicious_not_invalid() {
    let cases = [
        make("sk-svcacct-", 46, 46, URLSAFE, 1),
        make("sk-service-account-name-", 20, 20, ALNUM, 2),
        make("sk-proj-", 40, 40, URLSAFE, 3),
        make("sk-", 48, 48, ALNUM, 4),
        make("sk-None-", 74, 74, URLSAFE, 5),
    ];
    for key in &cases {
        let r = validate_key(key);
        assert_eq!(r.verdict, Verdict::Suspicious, "{r:?}");
        assert_eq!(r.kind, KeyKind::UnknownOpenai);
        assert_eq!(codes(&r), [ProblemCode::UnknownShape]);
        assert_eq!(r.problems[0].severity, Severity::Warning);
        let (report, secret) = accept_key(key).expect("suspicious keys are accepted");
        assert_eq!(report, r);
        assert_eq!(secret.kind(), KeyKind::UnknownOpenai);
    }
    // An admin key of an unknown layout is still refused.
    let r = validate_key(&make("sk-admin-", 74, 74, URLSAFE, 6));
    assert_eq!((r.verdict, r.kind), (Verdict::Invalid, KeyKind::Admin));
    assert!(r.has(ProblemCode::AdminKey));
}

#[test]
fn near_misses_of_known_shapes_are_copy_errors() {
    for (i, shape) in SHAPES.iter().enumerate() {
        let h = shape.half as i64;
        for dl in -4i64..=4 {
            for dr in -4i64..=4 {
                if dl == 0 && dr == 0 {
                    continue;
                }
                let key = make(
                    shape.prefix,
                    (h + dl) as usize,
                    (h + dr) as usize,
                    shape.alphabet,
                    (i as u64) << 8 | ((dl + 4) * 9 + dr + 4) as u64,
                );
                let r = validate_key(&key);
                assert_eq!(r.verdict, Verdict::Invalid, "{}{dl:+}{dr:+}: {r:?}", shape.prefix);
                assert_eq!(r.kind, shape.kind);
                let expected = if dl + dr < 0 { ProblemCode::Truncated } else { ProblemCode::WrongLength };
                assert!(r.has(expected), "{}{dl:+}{dr:+}: {r:?}", shape.prefix);
            }
        }
        // The end cut off by any amount is a truncation.
        let cut = make(shape.prefix, shape.half, shape.half / 3, shape.alphabet, 99);
        let r = validate_key(&cut);
        assert!(r.has(ProblemCode::Truncated), "{r:?}");
        assert_eq!(r.kind, shape.kind);
    }
}

#[test]
fn length_problems_say_how_many_characters() {
    let key = project_key(5);
    let r = validate_key(&key[..key.len() - 2]);
    assert_eq!(error_codes(&r), [ProblemCode::Truncated]);
    assert!(said(&r.problems[0].message).contains("2 characters short"), "{r:?}");
    let r = validate_key(&format!("{key}a"));
    assert_eq!(error_codes(&r), [ProblemCode::WrongLength]);
    assert!(said(&r.problems[0].message).contains("1 character too many"), "{r:?}");
}

// --------------------------------------------------- every problem code

struct Case {
    input: String,
    verdict: Verdict,
    kind: KeyKind,
    code: ProblemCode,
}

fn case(input: impl Into<String>, verdict: Verdict, kind: KeyKind, code: ProblemCode) -> Case {
    Case { input: input.into(), verdict, kind, code }
}

fn problem_table() -> Vec<Case> {
    use KeyKind::*;
    use ProblemCode::*;
    use Verdict::{Invalid, Valid};
    let p = project_key(11);
    let u = key_of(&SHAPES[0], 12);
    let hex32 = pattern(13, 32, b"0123456789abcdef");
    vec![
        case("", Invalid, NotOpenai, Empty),
        case("   \n\t", Invalid, NotOpenai, Empty),
        case("\u{200B}\u{FEFF}", Invalid, NotOpenai, Empty),
        case("\"\"", Invalid, NotOpenai, Empty),
        case("sk-...abcd", Invalid, UnknownOpenai, Masked),
        case("sk-abc...def", Invalid, UnknownOpenai, Masked),
        case("sk-\u{2026}abcd", Invalid, UnknownOpenai, Masked),
        case("sk-proj-...wxyz", Invalid, Project, Masked),
        case("sk-proj-********************wxyz", Invalid, Project, Masked),
        case("\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}", Invalid, NotOpenai, Masked),
        case(format!("{}\u{2026}", &p[..40]), Invalid, Project, Truncated),
        case(format!("{}...", &p[..40]), Invalid, Project, Truncated),
        case(&p[..p.len() - 1], Invalid, Project, Truncated),
        case(&p[..30], Invalid, Project, Truncated),
        case("sk-proj-", Invalid, Project, Truncated),
        case(&p[2..], Invalid, UnknownOpenai, Truncated),
        case(format!("{},{}", &p[..42], &p[43..]), Invalid, Project, BadCharacter),
        case(format!("{}\u{2013}{}", &p[..50], &p[51..]), Invalid, Project, BadCharacter),
        case(format!("{}\u{0430}{}", &p[..50], &p[51..]), Invalid, Project, BadCharacter),
        case(format!("{p}."), Invalid, Project, BadCharacter),
        case(format!("{}_{}", &u[..10], &u[11..]), Invalid, User, BadCharacter),
        case(format!("{} {}", &p[..60], &p[60..]), Invalid, Project, WhitespaceInside),
        case(format!("{}\n{}", &p[..80], &p[80..]), Invalid, Project, WhitespaceInside),
        case(format!("{}\t{}", &u[..9], &u[9..]), Invalid, UnknownOpenai, WhitespaceInside),
        case(format!("sk-proj-{}", pattern(14, 156, URLSAFE)), Invalid, Project, MissingMarker),
        case(format!("sk-{}", pattern(15, 48, ALNUM)), Invalid, NotOpenai, MissingMarker),
        case(format!("{p}abc"), Invalid, Project, WrongLength),
        case(make("sk-proj-", 73, 75, URLSAFE, 16), Invalid, Project, WrongLength),
        case(key_of(&SHAPES[7], 17), Invalid, Admin, AdminKey),
        case(format!("sk-ant-api03-{}", pattern(18, 95, URLSAFE)), Invalid, NotOpenai, OtherProvider),
        case(format!("sk_live_{}", pattern(19, 99, ALNUM)), Invalid, NotOpenai, OtherProvider),
        case(format!("sk_test_{}", pattern(20, 99, ALNUM)), Invalid, NotOpenai, OtherProvider),
        case(format!("rk_live_{}", pattern(21, 99, ALNUM)), Invalid, NotOpenai, OtherProvider),
        case(format!("rk_test_{}", pattern(22, 99, ALNUM)), Invalid, NotOpenai, OtherProvider),
        case(hex32.clone(), Invalid, NotOpenai, OtherProvider),
        case(hex32.to_uppercase(), Invalid, NotOpenai, OtherProvider),
        case(format!("proj_{}", pattern(23, 24, ALNUM)), Invalid, NotOpenai, OtherProvider),
        case(format!("org-{}", pattern(24, 24, ALNUM)), Invalid, NotOpenai, OtherProvider),
        case(format!("AIza{}", pattern(25, 35, URLSAFE)), Invalid, NotOpenai, OtherProvider),
        case(format!("ghp_{}", pattern(26, 36, ALNUM)), Invalid, NotOpenai, OtherProvider),
        case(format!("github_pat_{}", pattern(27, 82, ALNUM)), Invalid, NotOpenai, OtherProvider),
        case(format!("sk-or-v1-{}", pattern(28, 64, b"0123456789abcdef")), Invalid, NotOpenai, OtherProvider),
        case(format!("{p} {u}"), Invalid, Project, MultipleKeys),
        case(format!("{p}\n{u}"), Invalid, Project, MultipleKeys),
        case(format!("{p},{u}"), Invalid, Project, MultipleKeys),
        case(format!("{p}{u}"), Invalid, Project, MultipleKeys),
        case(format!("{u}{p}"), Invalid, UnknownOpenai, MultipleKeys),
        case(format!("OPENAI_API_KEY={p}\nOTHER_KEY={u}\n"), Invalid, Project, MultipleKeys),
        case(format!("  {p}\n"), Valid, Project, SurroundingWhitespace),
        case(format!("\u{200B}{p}\u{FEFF}"), Valid, Project, InvisibleCharacters),
        case(format!("{}\u{00AD}{}", &p[..70], &p[70..]), Valid, Project, InvisibleCharacters),
        case(format!("\"{p}\""), Valid, Project, Quoted),
        case(format!("'{u}'"), Valid, User, Quoted),
        case(format!("`{p}`"), Valid, Project, Quoted),
        case(format!("\u{201C}{p}\u{201D}"), Valid, Project, Quoted),
        case(format!("Bearer {p}"), Valid, Project, BearerPrefix),
        case(format!("bEaReR\t{p}"), Valid, Project, BearerPrefix),
        case(format!("Authorization: Bearer {p}"), Valid, Project, BearerPrefix),
        case(format!("OPENAI_API_KEY={p}"), Valid, Project, EnvAssignment),
        case(format!("export OPENAI_API_KEY = {p}"), Valid, Project, EnvAssignment),
        case(format!("export OPENAI_API_KEY=\"{p}\""), Valid, Project, EnvAssignment),
        case(make("sk-svcacct-", 46, 46, URLSAFE, 29), Verdict::Suspicious, UnknownOpenai, UnknownShape),
        case("hello world", Invalid, NotOpenai, MissingPrefix),
        case("password123456", Invalid, NotOpenai, MissingPrefix),
        case(format!("SK-{}", &p[3..]), Invalid, UnknownOpenai, MissingPrefix),
        case(format!("my key is {p}"), Invalid, Project, ExtraText),
        case(format!("({p})"), Invalid, Project, ExtraText),
        case(format!("{p} (production)"), Invalid, Project, ExtraText),
        case(format!("x{p}"), Invalid, Project, ExtraText),
        case(format!("sk-{p}"), Invalid, Project, ExtraText),
        case(format!("sk-{u}"), Invalid, User, ExtraText),
        case(format!("{p}{}", pattern(42, 12, ALNUM)), Invalid, Project, WrongLength),
        case(make("sk-proj-", 90, 74, URLSAFE, 43), Invalid, Project, WrongLength),
    ]
}

#[test]
fn every_problem_code_has_a_table_case() {
    let table = problem_table();
    for code in ProblemCode::ALL {
        assert!(table.iter().any(|c| c.code == code), "no case for {code:?}");
    }
}

#[test]
fn problem_table_cases() {
    for (i, c) in problem_table().iter().enumerate() {
        let r = validate_key(&c.input);
        let label = format!("case {i} ({:?}): {r:?}", c.code);
        assert_eq!(r.verdict, c.verdict, "{label}");
        assert_eq!(r.kind, c.kind, "{label}");
        assert!(r.has(c.code), "{label}");
        match c.verdict {
            Verdict::Invalid => {
                assert!(r.problems[0].is_error(), "{label}");
                assert_eq!(r.problems[0].code, c.code, "{label}");
            }
            _ => assert!(r.problems.iter().all(|p| !p.is_error()), "{label}"),
        }
        for p in &r.problems {
            assert!(!said(&p.message).is_empty());
            assert!(said(&p.message).len() < 240, "message too long: {}", said(&p.message));
            assert_eq!(p.severity, p.code.severity());
        }
        let normal = normalise(&c.input);
        if normal.chars().count() >= 12 {
            assert_no_leak(&r, &normal);
        }
    }
}

#[test]
fn messages_name_the_problem_without_echoing() {
    let p = project_key(30);
    let r = validate_key(&format!("{},{}", &p[..41], &p[42..]));
    assert_eq!(
        said(&r.problems[0].message),
        "The key has a comma at character 42, which OpenAI keys never contain. Copy the key again."
    );
    let r = validate_key(&format!("sk-ant-api03-{}", pattern(31, 95, URLSAFE)));
    assert!(said(&r.problems[0].message).contains("Anthropic"));
    let r = validate_key(&format!("rk_live_{}", pattern(32, 99, ALNUM)));
    assert!(said(&r.problems[0].message).contains("Stripe"));
    let r = validate_key(&pattern(33, 32, b"0123456789abcdef"));
    assert!(said(&r.problems[0].message).contains("Azure"));
    let r = validate_key(&format!("org-{}", pattern(34, 24, ALNUM)));
    assert!(said(&r.problems[0].message).contains("organization ID"));
    let r = validate_key(&format!("{p} {p}"));
    assert!(said(&r.problems[0].message).contains("2 keys"));
    let r = validate_key(&format!("{}\u{200B}\u{200B}{}", &p[..9], &p[9..]));
    assert!(said(&r.problems[0].message).contains("2 invisible characters"));
}

#[test]
fn masked_form_is_prefix_ellipsis_last_four_or_nothing() {
    let p = project_key(40);
    assert_eq!(validate_key(&p).masked, Some(format!("sk-proj-\u{2026}{}", &p[160..])));
    assert_eq!(validate_key("").masked, None);
    assert_eq!(validate_key("sk-abcdefgh").masked, None);
    assert_eq!(validate_key("sk-proj-...wxyz").masked, None);
    let stripe = format!("sk_live_{}", pattern(41, 24, ALNUM));
    assert_eq!(validate_key(&stripe).masked, Some(format!("sk_live_\u{2026}{}", &stripe[stripe.len() - 4..])));
    let garbage = "correct horse battery staple";
    assert_eq!(validate_key(garbage).masked.as_deref(), Some("\u{2026}aple"));
}

#[test]
fn wire_format_is_stable() {
    let r = validate_key(&format!("\"{}\"", project_key(50)));
    let json: serde_json::Value = serde_json::to_value(&r).unwrap();
    assert_eq!(json["verdict"], "valid");
    assert_eq!(json["kind"], "project");
    assert_eq!(json["problems"][0]["code"], "quoted");
    assert_eq!(json["problems"][0]["severity"], "warning");
    assert!(json["masked"].as_str().unwrap().starts_with("sk-proj-\u{2026}"));

    let kinds = [
        (KeyKind::User, "user"),
        (KeyKind::Project, "project"),
        (KeyKind::ServiceAccount, "service_account"),
        (KeyKind::Admin, "admin"),
        (KeyKind::UnknownOpenai, "unknown_openai"),
        (KeyKind::NotOpenai, "not_openai"),
    ];
    for (k, s) in kinds {
        assert_eq!(serde_json::to_value(k).unwrap(), s);
    }
    for (v, s) in [(Verdict::Valid, "valid"), (Verdict::Suspicious, "suspicious"), (Verdict::Invalid, "invalid")] {
        assert_eq!(serde_json::to_value(v).unwrap(), s);
    }
    assert_eq!(serde_json::to_value(Severity::Error).unwrap(), "error");
    for code in ProblemCode::ALL {
        assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
    }
    let names: Vec<&str> = ProblemCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        &names[..15],
        [
            "empty",
            "masked",
            "truncated",
            "bad_character",
            "whitespace_inside",
            "missing_marker",
            "wrong_length",
            "admin_key",
            "other_provider",
            "multiple_keys",
            "surrounding_whitespace",
            "invisible_characters",
            "quoted",
            "bearer_prefix",
            "env_assignment"
        ]
    );
}

#[test]
fn accept_key_keeps_the_normalised_key_secret() {
    let p = project_key(60);
    let (report, secret) = accept_key(&format!(" Bearer \"{p}\"\n")).expect("valid");
    assert_eq!(report.verdict, Verdict::Valid);
    assert_eq!(secret.expose_secret(), p);
    assert_eq!(secret.kind(), KeyKind::Project);
    assert_eq!(secret.masked(), format!("sk-proj-\u{2026}{}", &p[160..]));
    let debug = format!("{secret:?}");
    assert!(!debug.contains(&p));
    assert!(debug.contains(&secret.masked()), "{debug}");

    let err = accept_key(&p[..100]).expect_err("truncated");
    assert_eq!(err.verdict, Verdict::Invalid);
    let err = accept_key(&key_of(&SHAPES[7], 61)).expect_err("admin keys are refused");
    assert!(err.has(ProblemCode::AdminKey));
}

#[test]
fn huge_adversarial_inputs_stay_fast() {
    let started = std::time::Instant::now();
    let project = project_key(70);
    let inputs = [
        "sk-".repeat(100_000),
        "Bearer ".repeat(50_000),
        "'".repeat(200_000),
        "key key ".repeat(40_000),
        format!("{}{}", "a".repeat(300_000), MARKER),
        format!("{project} ").repeat(2_000),
        "\u{200B}".repeat(100_000),
        "x".repeat(1_000_000),
    ];
    for input in &inputs {
        let r = validate_key(input);
        assert_eq!(r.verdict, Verdict::Invalid);
    }
    // Generous even for an unoptimised build on a busy machine.
    assert!(started.elapsed().as_secs() < 10, "took {:?}", started.elapsed());
}

// ------------------------------------------------------------ properties

fn any_valid_key() -> impl Strategy<Value = (String, &'static Shape)> {
    (0..SHAPES.len(), any::<u64>())
        .prop_filter("admin keys are never valid", |(i, _)| SHAPES[*i].kind != KeyKind::Admin)
        .prop_map(|(i, seed)| (key_of(&SHAPES[i], seed), &SHAPES[i]))
}

/// Pieces people paste around keys, for structured inputs.
fn noise() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".to_owned()),
        Just("\n".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("`".to_owned()),
        Just("\u{201C}".to_owned()),
        Just("\u{200B}".to_owned()),
        Just("\u{2026}".to_owned()),
        Just("...".to_owned()),
        Just("Bearer ".to_owned()),
        Just("OPENAI_API_KEY=".to_owned()),
        Just(MARKER.to_owned()),
        Just("sk-".to_owned()),
        Just("sk-proj-".to_owned()),
        Just(",".to_owned()),
        "[ -~]{0,6}",
        "\\PC{0,4}",
    ]
}

fn structured_input() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(noise(), 0..4),
        prop_oneof![any_valid_key().prop_map(|(k, _)| k), "[A-Za-z0-9_-]{0,180}"],
        prop::collection::vec(noise(), 0..4),
    )
        .prop_map(|(before, key, after)| format!("{}{key}{}", before.concat(), after.concat()))
}

fn any_input() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), structured_input()]
}

/// Characters outside `[A-Za-z0-9_-]` (plus `-`/`_`, which only some
/// shapes allow; filtered per shape).
fn foreign_char() -> impl Strategy<Value = char> {
    prop_oneof![
        Just('-'),
        Just('_'),
        Just(' '),
        Just('\n'),
        Just('.'),
        Just(','),
        Just('"'),
        Just('\u{2026}'),
        Just('\u{2013}'),
        Just('\u{0430}'),
        Just('\u{200B}'),
        Just('*'),
        Just('\u{2022}'),
        any::<char>(),
    ]
}

proptest! {
    #[test]
    fn never_panics(input in any_input()) {
        let report = validate_key(&input);
        let accepted = accept_key(&input);
        prop_assert_eq!(accepted.is_ok(), report.verdict != Verdict::Invalid);
        if report.verdict == Verdict::Valid {
            prop_assert!(matches!(report.kind, KeyKind::User | KeyKind::Project | KeyKind::ServiceAccount));
        }
        if report.verdict == Verdict::Suspicious {
            prop_assert_eq!(report.kind, KeyKind::UnknownOpenai);
        }
        prop_assert_eq!(report.verdict == Verdict::Invalid, report.problems.iter().any(|p| p.is_error()));
    }

    #[test]
    fn normalisation_is_idempotent(input in any_input()) {
        let once = normalise(&input);
        let twice = normalise(&once);
        prop_assert_eq!(&*once, &*twice);
    }

    #[test]
    fn report_never_contains_the_key(input in any_input()) {
        let key = normalise(&input);
        let report = validate_key(&input);
        if key.chars().count() >= 12 {
            assert_no_leak(&report, &key);
        }
        if input.chars().count() >= 12 && !input.trim().is_empty() {
            for p in &report.problems {
                prop_assert!(!said(&p.message).contains(input.as_str()));
            }
        }
    }

    #[test]
    fn changed_character_is_never_valid(
        (key, shape) in any_valid_key(),
        at in any::<prop::sample::Index>(),
        c in foreign_char(),
    ) {
        let i = at.index(key.len());
        let original = key.as_bytes()[i] as char;
        let body = shape.prefix.len()..key.len();
        let marker_at = shape.prefix.len() + shape.half;
        let in_marker = (marker_at..marker_at + MARKER.len()).contains(&i);
        // Within a half, a replacement from the half's own alphabet still
        // makes a valid key (there is no checksum); anything else must not.
        let allowed_in_half = c.is_ascii() && shape.alphabet.contains(&(c as u8));
        prop_assume!(c != original);
        prop_assume!(!(body.contains(&i) && !in_marker && allowed_in_half));
        let mut changed = key.clone();
        changed.replace_range(i..i + 1, c.encode_utf8(&mut [0; 4]));
        let r = validate_key(&changed);
        prop_assert_ne!(r.verdict, Verdict::Valid, "{:?}", r);
    }

    #[test]
    fn removed_character_is_never_valid((key, _) in any_valid_key(), at in any::<prop::sample::Index>()) {
        let i = at.index(key.len());
        let mut changed = key.clone();
        changed.remove(i);
        prop_assert_ne!(validate_key(&changed).verdict, Verdict::Valid);
    }

    #[test]
    fn added_character_is_never_valid(
        (key, _) in any_valid_key(),
        at in any::<prop::sample::Index>(),
        c in prop_oneof![foreign_char(), prop::char::range('0', 'z')],
    ) {
        let i = at.index(key.len() + 1);
        let mut changed = key.clone();
        changed.insert(i, c);
        // White space, invisible characters and quotes at the ends are
        // tidied away by design; any other added character breaks the key.
        prop_assume!(*normalise(&changed) != key);
        let r = validate_key(&changed);
        prop_assert_ne!(r.verdict, Verdict::Valid, "{:?}", r);
    }

    #[test]
    fn wrappers_keep_a_valid_key_valid(
        (key, shape) in any_valid_key(),
        ws in prop::sample::select(vec!["", " ", "\n", "\t ", "\r\n"]),
        quote in prop::sample::select(vec![None, Some(('"', '"')), Some(('\'', '\'')), Some(('`', '`')), Some(('\u{201C}', '\u{201D}')), Some(('\u{2018}', '\u{2019}'))]),
        bearer in prop::sample::select(vec!["", "Bearer ", "bearer  ", "BEARER\t", "Authorization: Bearer "]),
        env in prop::sample::select(vec!["", "OPENAI_API_KEY=", "OPENAI_API_KEY = ", "export OPENAI_API_KEY=", "export OPENAI_API_KEY =  "]),
        invisible in prop::sample::select(vec!["", "\u{200B}", "\u{FEFF}", "\u{2060}\u{200D}", "\u{00AD}"]),
    ) {
        let quoted = match quote {
            Some((open, close)) => format!("{open}{bearer}{key}{close}"),
            None => format!("{bearer}{key}"),
        };
        let input = format!("{ws}{invisible}{env}{quoted}{ws}");
        let (report, secret) = accept_key(&input).map_err(|r| TestCaseError::fail(format!("{r:?}")))?;
        prop_assert_eq!(report.verdict, Verdict::Valid);
        prop_assert_eq!(report.kind, shape.kind);
        prop_assert_eq!(secret.expose_secret(), key.as_str());
        let expect = [
            (!ws.is_empty(), ProblemCode::SurroundingWhitespace),
            (quote.is_some(), ProblemCode::Quoted),
            (!bearer.is_empty(), ProblemCode::BearerPrefix),
            (!env.is_empty(), ProblemCode::EnvAssignment),
            (!invisible.is_empty(), ProblemCode::InvisibleCharacters),
        ];
        for (present, code) in expect {
            prop_assert_eq!(report.has(code), present, "{:?} in {:?}", code, report);
        }
        prop_assert!(report.problems.iter().all(|p| p.severity == Severity::Warning));
    }
}
