//! What an OpenAI API reply means, as data.
//!
//! OpenAI documents the error body (`{"error": {"message", "type", "param",
//! "code"}}`), `invalid_api_key` and `insufficient_quota`; the wording of
//! scope errors ("Missing scopes: …") and the statuses they come with (401
//! as well as 403) are known from public reports of other tools, so the
//! rules below decide by code and message first and by status last. Each
//! rule says where it comes from; a change at OpenAI means editing this
//! table and its tests, nothing else.

use crate::substring::Substring;
use serde::Deserialize;

/// The parts of an API reply the classification reads. The loader parses
/// the JSON body in JavaScript and hands over the value (or nothing when the
/// body was not JSON).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ApiBody {
    /// Present on error replies.
    pub error: Option<ApiError>,
    /// Present on list replies (`GET /v1/models`).
    pub data: Option<Vec<ListedModel>>,
}

/// OpenAI's error object.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ApiError {
    /// Human-readable text; scope errors name the missing scopes here.
    pub message: Option<String>,
    /// Error family, e.g. `invalid_request_error`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Machine-readable code, e.g. `invalid_api_key`.
    pub code: Option<String>,
}

/// One entry of the models list.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ListedModel {
    /// Model id, e.g. `gpt-4o-mini`.
    pub id: String,
}

/// How one request ended, as the loader saw it (read from the wire shape
/// in [`super::ProbeResult`]).
#[derive(Debug, Clone)]
pub enum Outcome {
    /// OpenAI answered. `body` is absent when the body was not JSON.
    Reply {
        /// HTTP status.
        status: u16,
        /// The parsed JSON body, if it parsed.
        body: Option<ApiBody>,
    },
    /// No answer within the time limit.
    Timeout,
    /// The request failed before an answer: offline, a proxy, a closed network.
    NetworkError,
    /// The browser has not been allowed to reach the API.
    NoPermission,
}

/// What a reply means for the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// The request succeeded.
    Success,
    /// OpenAI does not know the key (revoked, deleted or mistyped).
    UnknownKey,
    /// The key exists but lacks a scope ("Missing scopes: …"). The report
    /// blames the permission the refused request needs (listing needs only
    /// `api.model.read`, the model call only `model.request`), so the names
    /// in the message are not read.
    MissingScopes,
    /// The account has no credit.
    NoCredit,
    /// The key's account has no active billing: OpenAI takes none of its
    /// requests until an owner activates it, so testing again will not help.
    BillingInactive,
    /// OpenAI refused the request for a reason that stops the whole test.
    Refused(Refusal),
    /// The answer says nothing about the key: rate limited, service
    /// trouble, no answer, or a shape we do not know.
    CouldNotCheck(Trouble),
}

/// A recognised refusal that is not about the key's permissions: every
/// request of the test gets it, so the test stops at its first line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The key's user belongs to no organization (`no_organization`).
    NoOrganization,
    /// The organization allows the API only from certain IP addresses.
    IpNotAllowed,
    /// OpenAI does not serve the place the request came from: about the
    /// place, not the key, and nobody at the organization can lift it.
    Region,
    /// The request named another organization than the key's. The test
    /// names none, so something on the way added one.
    MismatchedOrganization,
}

impl Refusal {
    /// Whether the refusal is about the key (a `fail` line) rather than the
    /// place or the network (the test could not be made from here).
    pub fn blames_the_key(self) -> bool {
        matches!(self, Refusal::NoOrganization | Refusal::IpNotAllowed)
    }

    /// What OpenAI said, in our words.
    pub fn text(self) -> &'static str {
        REFUSAL_TEXTS[self as usize][0]
    }

    /// What to do about it.
    pub fn next_step(self) -> &'static str {
        REFUSAL_TEXTS[self as usize][1]
    }

    /// Why the other lines were not checked.
    pub fn stops(self) -> &'static str {
        REFUSAL_TEXTS[self as usize][2]
    }
}

/// Per refusal, in the order of [`Refusal`]: what it means, what to do,
/// why the other lines were not checked.
static REFUSAL_TEXTS: [[&str; 3]; 4] = [
    ["core_live_refused_no_organization", "core_live_do_join_organization", "core_live_stops_no_organization"],
    ["core_live_refused_ip_not_allowed", "core_live_do_allow_ip", "core_live_stops_ip_not_allowed"],
    ["core_live_refused_region", "core_live_do_nothing_for_region", "core_live_stops_region"],
    ["core_live_refused_organization_header", "core_live_do_other_network", "core_live_stops_organization_header"],
];

/// Why a check could not be made, and when testing again makes sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    /// A plain rate limit (429 other than the quota and billing codes).
    RateLimited,
    /// A server error (5xx).
    ServiceTrouble,
    /// No answer within the time limit.
    TimedOut,
    /// No answer at all: offline, a proxy, a blocked network.
    Unreachable,
    /// The browser has not been allowed to reach the API.
    NotAllowed,
    /// A reply shape no rule knows.
    Unfamiliar,
}

impl Trouble {
    /// What happened, in the admin's words.
    pub fn text(self) -> &'static str {
        match self {
            Trouble::RateLimited => "core_live_unsure_rate_limited",
            Trouble::ServiceTrouble => "core_live_unsure_server_error",
            Trouble::TimedOut => "core_live_unsure_timed_out",
            Trouble::Unreachable => "core_live_unsure_unreachable",
            Trouble::NotAllowed => "core_live_unsure_not_allowed",
            Trouble::Unfamiliar => "core_live_unsure_unrecognised",
        }
    }

    /// When testing again makes sense; none of these is a verdict on the key.
    pub fn next_step(self) -> &'static str {
        match self {
            Trouble::RateLimited => "core_live_retry_rate_limited",
            Trouble::ServiceTrouble => "core_live_retry_server_error",
            Trouble::TimedOut => "core_live_retry_timed_out",
            Trouble::Unreachable => "core_live_retry_unreachable",
            Trouble::NotAllowed => "core_live_retry_not_allowed",
            Trouble::Unfamiliar => "core_live_retry_unrecognised",
        }
    }
}

/// Where a rule's knowledge comes from, for docs/key-trip.md and reviewers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// OpenAI's API reference or error-code guide.
    Documented,
    /// Seen in public reports of other tools; may change silently.
    Inferred,
}

/// One classification rule: every condition that is set must hold.
struct Rule {
    /// Status codes the rule applies to; empty means any.
    statuses: &'static [u16],
    /// `error.code` must equal this.
    code: Option<&'static str>,
    /// `error.type` must equal this (older bodies put some codes there).
    kind: Option<&'static str>,
    /// `error.message` must contain this (ASCII case-insensitive).
    message_has: Option<&'static str>,
    meaning: fn(&ApiError) -> Meaning,
    #[allow(dead_code)] // read by the table's tests and kept as documentation
    source: Source,
}

/// A rule decided by `error.code` alone, whatever the status.
const fn by_code(code: &'static str, meaning: fn(&ApiError) -> Meaning, source: Source) -> Rule {
    Rule { statuses: &[], code: Some(code), kind: None, message_has: None, meaning, source }
}

/// Checked in order; the first rule that holds decides.
static RULES: &[Rule] = &[
    by_code("invalid_api_key", |_| Meaning::UnknownKey, Source::Documented),
    Rule {
        statuses: &[],
        code: None,
        kind: None,
        message_has: Some("missing scopes"),
        meaning: |_| Meaning::MissingScopes,
        source: Source::Inferred,
    },
    by_code("insufficient_quota", |_| Meaning::NoCredit, Source::Documented),
    // Newer bodies (429) carry it in `code`, older ones in `type`; before
    // the plain 429 rule, which would call it a rate limit.
    by_code("billing_not_active", |_| Meaning::BillingInactive, Source::Inferred),
    Rule {
        statuses: &[],
        code: None,
        kind: Some("billing_not_active"),
        message_has: None,
        meaning: |_| Meaning::BillingInactive,
        source: Source::Inferred,
    },
    by_code("no_organization", |_| Meaning::Refused(Refusal::NoOrganization), Source::Inferred),
    Rule {
        statuses: &[401],
        code: None,
        kind: None,
        message_has: Some("member of an organization"),
        meaning: |_| Meaning::Refused(Refusal::NoOrganization),
        source: Source::Documented,
    },
    by_code("mismatched_organization", |_| Meaning::Refused(Refusal::MismatchedOrganization), Source::Inferred),
    by_code("unsupported_country_region_territory", |_| Meaning::Refused(Refusal::Region), Source::Documented),
    Rule {
        statuses: &[401, 403],
        code: None,
        kind: None,
        message_has: Some("ip"),
        meaning: |_| Meaning::Refused(Refusal::IpNotAllowed),
        source: Source::Inferred,
    },
    Rule {
        statuses: &[429],
        code: None,
        kind: None,
        message_has: None,
        meaning: |_| Meaning::CouldNotCheck(Trouble::RateLimited),
        source: Source::Documented,
    },
];

/// What `outcome` means. Decided by `error.code`, `error.type` and
/// `error.message` before the status: scope errors come back as 401 or
/// 403, and a billing refusal as 429 like a rate limit.
pub fn classify(outcome: &Outcome) -> Meaning {
    let (status, body) = match outcome {
        Outcome::Timeout => return Meaning::CouldNotCheck(Trouble::TimedOut),
        Outcome::NetworkError => return Meaning::CouldNotCheck(Trouble::Unreachable),
        Outcome::NoPermission => return Meaning::CouldNotCheck(Trouble::NotAllowed),
        Outcome::Reply { status, body } => (*status, body.as_ref()),
    };
    if (200..300).contains(&status) {
        // A success must look like one: a body with an error is not.
        return match body {
            Some(b) if b.error.is_none() => Meaning::Success,
            _ => Meaning::CouldNotCheck(Trouble::Unfamiliar),
        };
    }
    if status >= 500 {
        return Meaning::CouldNotCheck(Trouble::ServiceTrouble);
    }
    let no_error = ApiError::default();
    let error = body.and_then(|b| b.error.as_ref()).unwrap_or(&no_error);
    RULES
        .iter()
        .find(|rule| holds(rule, status, error))
        .map_or(Meaning::CouldNotCheck(Trouble::Unfamiliar), |rule| (rule.meaning)(error))
}

fn holds(rule: &Rule, status: u16, error: &ApiError) -> bool {
    (rule.statuses.is_empty() || rule.statuses.contains(&status))
        && rule.code.map_or(true, |code| error.code.as_deref() == Some(code))
        && rule.kind.map_or(true, |kind| error.kind.as_deref() == Some(kind))
        && rule.message_has.map_or(true, |needle| contains_word_ci(error.message.as_deref().unwrap_or(""), needle))
}

/// Case-insensitive containment; a one-word needle must stand as a word, so
/// "ip" does not match inside "permission".
fn contains_word_ci(haystack: &str, needle: &str) -> bool {
    let hay = haystack.to_ascii_lowercase();
    if needle.as_bytes().contains(&b' ') {
        return hay.has(needle);
    }
    hay.split(|c: char| !c.is_ascii_alphanumeric()).any(|word| word == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message_words::said as w;

    fn reply(status: u16, code: Option<&str>, message: &str) -> Outcome {
        typed(status, None, code, message)
    }
    fn typed(status: u16, kind: Option<&str>, code: Option<&str>, message: &str) -> Outcome {
        let error = ApiError { message: Some(message.into()), kind: kind.map(Into::into), code: code.map(Into::into) };
        Outcome::Reply { status, body: Some(ApiBody { error: Some(error), data: None }) }
    }
    const NOT_ACTIVE: &str = "Your account is not active, please check your billing details on our website.";

    const SCOPE_READ: &str = "You have insufficient permissions for this operation. Missing scopes: api.model.read. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.";
    const SCOPE_REQUEST: &str = "You have insufficient permissions for this operation. Missing scopes: model.request. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.";

    #[test]
    fn the_table_of_replies() {
        let ok = Outcome::Reply { status: 200, body: Some(ApiBody { error: None, data: Some(vec![]) }) };
        let cases: Vec<(Outcome, Meaning)> = vec![
            (ok, Meaning::Success),
            (
                reply(401, Some("invalid_api_key"), "Incorrect API key provided: sk-proj-********abcd."),
                Meaning::UnknownKey,
            ),
            (reply(403, None, SCOPE_READ), Meaning::MissingScopes),
            (
                reply(401, None, SCOPE_REQUEST),
                Meaning::MissingScopes,
            ),
            (
                reply(401, None, "Missing scopes: api.model.read, model.request."),
                Meaning::MissingScopes,
            ),
            (
                // Any capitalisation of the wording.
                reply(403, None, "Missing Scopes: model.request. Ask for api.model.read too."),
                Meaning::MissingScopes,
            ),
            (
                reply(
                    429,
                    Some("insufficient_quota"),
                    "You exceeded your current quota, please check your plan and billing details.",
                ),
                Meaning::NoCredit,
            ),
            (
                reply(429, Some("rate_limit_exceeded"), "Rate limit reached for requests"),
                Meaning::CouldNotCheck(Trouble::RateLimited),
            ),
            (reply(500, None, "The server had an error"), Meaning::CouldNotCheck(Trouble::ServiceTrouble)),
            (reply(503, None, ""), Meaning::CouldNotCheck(Trouble::ServiceTrouble)),
            (
                reply(401, None, "You must be a member of an organization to use the API."),
                Meaning::Refused(Refusal::NoOrganization),
            ),
            (
                reply(401, None, "Your IP address is not authorized to make this request."),
                Meaning::Refused(Refusal::IpNotAllowed),
            ),
            (typed(429, Some("invalid_request_error"), Some("billing_not_active"), NOT_ACTIVE), Meaning::BillingInactive),
            (typed(429, Some("billing_not_active"), None, NOT_ACTIVE), Meaning::BillingInactive),
            (typed(400, Some("billing_not_active"), None, NOT_ACTIVE), Meaning::BillingInactive),
            (
                typed(
                    403,
                    Some("request_forbidden"),
                    Some("unsupported_country_region_territory"),
                    "Country, region, or territory not supported",
                ),
                Meaning::Refused(Refusal::Region),
            ),
            (
                typed(
                    401,
                    Some("invalid_request_error"),
                    Some("no_organization"),
                    "You must be a member of an organization to use the API. Please contact us through our help center at help.openai.com.",
                ),
                Meaning::Refused(Refusal::NoOrganization),
            ),
            (
                typed(
                    401,
                    Some("invalid_request_error"),
                    Some("mismatched_organization"),
                    "OpenAI-Organization header should match organization for API key",
                ),
                Meaning::Refused(Refusal::MismatchedOrganization),
            ),
            (reply(418, Some("teapot"), "unknown"), Meaning::CouldNotCheck(Trouble::Unfamiliar)),
            (reply(401, Some("something_new"), "A new kind of refusal"), Meaning::CouldNotCheck(Trouble::Unfamiliar)),
            (Outcome::Reply { status: 401, body: None }, Meaning::CouldNotCheck(Trouble::Unfamiliar)),
            (Outcome::Reply { status: 200, body: None }, Meaning::CouldNotCheck(Trouble::Unfamiliar)),
            (Outcome::Timeout, Meaning::CouldNotCheck(Trouble::TimedOut)),
            (Outcome::NetworkError, Meaning::CouldNotCheck(Trouble::Unreachable)),
            (Outcome::NoPermission, Meaning::CouldNotCheck(Trouble::NotAllowed)),
        ];
        for (outcome, meaning) in cases {
            assert_eq!(classify(&outcome), meaning, "{outcome:?}");
        }
    }

    #[test]
    fn status_alone_never_makes_a_key_invalid() {
        for status in [400, 401, 403, 404] {
            assert!(matches!(classify(&reply(status, None, "")), Meaning::CouldNotCheck(_)), "{status}");
        }
    }

    #[test]
    fn a_billing_refusal_is_never_a_rate_limit() {
        // Both carry status 429; only the code or the type tells them apart.
        assert_eq!(classify(&typed(429, None, Some("billing_not_active"), NOT_ACTIVE)), Meaning::BillingInactive);
        assert_eq!(classify(&typed(429, Some("billing_not_active"), None, NOT_ACTIVE)), Meaning::BillingInactive);
        assert_eq!(
            classify(&typed(429, Some("requests"), Some("rate_limit_exceeded"), "Rate limit reached")),
            Meaning::CouldNotCheck(Trouble::RateLimited)
        );
    }

    #[test]
    fn every_trouble_says_when_to_test_again_and_that_the_key_may_be_fine() {
        use Trouble::*;
        let troubles = [RateLimited, ServiceTrouble, TimedOut, Unreachable, NotAllowed, Unfamiliar];
        for trouble in troubles {
            assert!(
                w(trouble.next_step()).ends_with("This does not mean the key is wrong; you may also send it untested.")
            );
        }
        // Each says its own "when": no two share the advice before the end.
        let whens: std::collections::BTreeSet<String> = troubles.iter().map(|t| w(t.next_step())).collect();
        assert_eq!(whens.len(), troubles.len());
        assert!(w(Unreachable.next_step()).contains("online"));
        assert!(w(RateLimited.next_step()).contains("minute"));
    }

    #[test]
    fn refusals_that_are_about_the_place_never_send_the_admin_to_the_owner_or_a_retry() {
        for refusal in [Refusal::Region, Refusal::MismatchedOrganization] {
            assert!(!refusal.blames_the_key(), "{refusal:?}");
            let said = format!("{} {} {}", w(refusal.text()), w(refusal.next_step()), w(refusal.stops()));
            assert!(!said.contains("Ask the owner") && !said.contains("in a minute"), "{said}");
        }
        let region = w(Refusal::Region.text());
        assert!(region.contains("country or region") && region.contains("not the key"));
        assert!(Refusal::NoOrganization.blames_the_key() && Refusal::IpNotAllowed.blames_the_key());
    }

    #[test]
    fn one_word_needles_match_whole_words() {
        assert!(contains_word_ci("Your IP is not allowed", "ip"));
        assert!(!contains_word_ci("insufficient permissions", "ip"));
        assert!(!matches!(classify(&reply(401, None, "Invalid permission tip")), Meaning::Refused(_)));
    }

    #[test]
    fn every_rule_says_where_it_comes_from() {
        let inferred = RULES.iter().filter(|r| r.source == Source::Inferred).count();
        assert_eq!(
            inferred, 6,
            "scope wording, the IP refusal, billing_not_active (code and type), no_organization and \
             mismatched_organization are inferred; update docs/key-trip.md when this changes"
        );
    }
}
