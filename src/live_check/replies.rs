//! What an OpenAI API reply means, as data.
//!
//! OpenAI documents the error body (`{"error": {"message", "type", "param",
//! "code"}}`), `invalid_api_key` and `insufficient_quota`; the wording of
//! scope errors ("Missing scopes: …") and the statuses they come with (401
//! as well as 403) are known from public reports of other tools, so the
//! rules below decide by code and message first and by status last. Each
//! rule says where it comes from; a change at OpenAI means editing this
//! table and its tests, nothing else.

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meaning {
    /// The request succeeded.
    Success,
    /// OpenAI does not know the key (revoked, deleted or mistyped).
    UnknownKey,
    /// The key exists but lacks scopes; which of those the report asks about.
    MissingScopes(Scopes),
    /// The key exists but cannot be used from here, for the reason given.
    NotUsableHere(&'static str),
    /// The account has no credit.
    NoCredit,
    /// The answer says nothing about the key: rate limited, service
    /// trouble, no answer, or a shape we do not know.
    CouldNotCheck(&'static str),
}

/// The scopes a "Missing scopes: …" refusal names, of those the report
/// asks about (other scope names only make it a scope refusal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scopes {
    /// `api.model.read` (Models: Read).
    pub model_read: bool,
    /// `model.request` (Model capabilities: Write).
    pub model_request: bool,
}

/// Why a check could not be made, in the admin's words.
pub const RATE_LIMITED: &str = "OpenAI is limiting requests right now (rate limit).";
/// Server errors.
pub const SERVICE_TROUBLE: &str = "OpenAI's service had a problem answering.";
/// No answer in time.
pub const TIMED_OUT: &str = "OpenAI did not answer within 10 seconds.";
/// Transport failure.
pub const UNREACHABLE: &str =
    "OpenAI could not be reached from this browser (offline, a proxy, or a network that blocks api.openai.com).";
/// Permission refused or not yet given.
pub const NOT_ALLOWED: &str = "The extension is not allowed to contact api.openai.com.";
/// OpenAI knows the key, but its owner belongs to no organization.
pub const NOT_A_MEMBER: &str =
    "OpenAI knows this key but refuses it: the key's owner is not a member of an OpenAI organization.";
/// OpenAI knows the key, but not from this network.
pub const IP_NOT_ALLOWED: &str =
    "OpenAI knows this key but refuses it here: the organization only allows it from certain IP addresses.";
/// OpenAI knows the key, but does not serve this region.
pub const REGION_NOT_SERVED: &str =
    "OpenAI knows this key but refuses it here: OpenAI does not serve the country or region this request came from.";
/// A reply shape no rule knows.
pub const UNFAMILIAR: &str = "OpenAI answered in a way the extension does not recognise.";

/// Where a rule's knowledge comes from, for ARCHITECTURE.md and reviewers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// OpenAI's API reference or error-code guide.
    Documented,
    /// Seen in public bug reports of other tools; may change silently.
    Inferred,
}

/// One classification rule: every condition that is set must hold.
struct Rule {
    /// Status codes the rule applies to; empty means any.
    statuses: &'static [u16],
    /// `error.code` must equal this.
    code: Option<&'static str>,
    /// `error.message` must contain this (ASCII case-insensitive).
    message_has: Option<&'static str>,
    meaning: fn(&ApiError) -> Meaning,
    #[allow(dead_code)] // read by the table's tests and kept as documentation
    source: Source,
}

/// Checked in order; the first rule that holds decides.
static RULES: &[Rule] = &[
    Rule {
        statuses: &[],
        code: Some("invalid_api_key"),
        message_has: None,
        meaning: |_| Meaning::UnknownKey,
        source: Source::Documented,
    },
    Rule {
        statuses: &[],
        code: None,
        message_has: Some("missing scopes"),
        meaning: |e| Meaning::MissingScopes(missing_scopes(e.message.as_deref().unwrap_or(""))),
        source: Source::Inferred,
    },
    Rule {
        statuses: &[],
        code: Some("insufficient_quota"),
        message_has: None,
        meaning: |_| Meaning::NoCredit,
        source: Source::Documented,
    },
    Rule {
        statuses: &[401],
        code: None,
        message_has: Some("member of an organization"),
        meaning: |_| Meaning::NotUsableHere(NOT_A_MEMBER),
        source: Source::Documented,
    },
    Rule {
        statuses: &[401, 403],
        code: None,
        message_has: Some("ip"),
        meaning: |_| Meaning::NotUsableHere(IP_NOT_ALLOWED),
        source: Source::Inferred,
    },
    Rule {
        statuses: &[403],
        code: Some("unsupported_country_region_territory"),
        message_has: None,
        meaning: |_| Meaning::NotUsableHere(REGION_NOT_SERVED),
        source: Source::Documented,
    },
    Rule {
        statuses: &[429],
        code: None,
        message_has: None,
        meaning: |_| Meaning::CouldNotCheck(RATE_LIMITED),
        source: Source::Documented,
    },
];

/// What `outcome` means. Decided by `error.code` and `error.message` before
/// the status, because scope errors come back as 401 or 403.
pub fn classify(outcome: &Outcome) -> Meaning {
    let (status, body) = match outcome {
        Outcome::Timeout => return Meaning::CouldNotCheck(TIMED_OUT),
        Outcome::NetworkError => return Meaning::CouldNotCheck(UNREACHABLE),
        Outcome::NoPermission => return Meaning::CouldNotCheck(NOT_ALLOWED),
        Outcome::Reply { status, body } => (*status, body.as_ref()),
    };
    if (200..300).contains(&status) {
        // A success must look like one: a body with an error is not.
        return match body {
            Some(b) if b.error.is_none() => Meaning::Success,
            _ => Meaning::CouldNotCheck(UNFAMILIAR),
        };
    }
    if status >= 500 {
        return Meaning::CouldNotCheck(SERVICE_TROUBLE);
    }
    let no_error = ApiError::default();
    let error = body.and_then(|b| b.error.as_ref()).unwrap_or(&no_error);
    RULES
        .iter()
        .find(|rule| holds(rule, status, error))
        .map_or(Meaning::CouldNotCheck(UNFAMILIAR), |rule| (rule.meaning)(error))
}

fn holds(rule: &Rule, status: u16, error: &ApiError) -> bool {
    (rule.statuses.is_empty() || rule.statuses.contains(&status))
        && rule.code.map_or(true, |code| error.code.as_deref() == Some(code))
        && rule.message_has.map_or(true, |needle| contains_word_ci(error.message.as_deref().unwrap_or(""), needle))
}

/// Case-insensitive containment; a one-word needle must stand as a word, so
/// "ip" does not match inside "permission".
fn contains_word_ci(haystack: &str, needle: &str) -> bool {
    let hay = haystack.to_ascii_lowercase();
    if needle.contains(' ') {
        return hay.contains(needle);
    }
    hay.split(|c: char| !c.is_ascii_alphanumeric()).any(|word| word == needle)
}

/// Which scopes a "Missing scopes: …" message names. Only the list after
/// the colon is read: the advice that follows it in OpenAI's wording names
/// roles, never scopes, but could change.
fn missing_scopes(message: &str) -> Scopes {
    let message = message.to_ascii_lowercase();
    let list = message.find("scopes:").map_or("", |at| &message[at..]);
    let list = list.split(". ").next().unwrap_or(list);
    Scopes { model_read: list.contains("api.model.read"), model_request: list.contains("model.request") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(status: u16, code: Option<&str>, message: &str) -> Outcome {
        let error = ApiError { message: Some(message.into()), kind: None, code: code.map(Into::into) };
        Outcome::Reply { status, body: Some(ApiBody { error: Some(error), data: None }) }
    }

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
            (reply(403, None, SCOPE_READ), Meaning::MissingScopes(Scopes { model_read: true, model_request: false })),
            (
                reply(401, None, SCOPE_REQUEST),
                Meaning::MissingScopes(Scopes { model_read: false, model_request: true }),
            ),
            (
                reply(401, None, "Missing scopes: api.model.read, model.request."),
                Meaning::MissingScopes(Scopes { model_read: true, model_request: true }),
            ),
            (
                // A scope named after the list (in advice, say) is not missing.
                reply(403, None, "Missing Scopes: model.request. Ask for api.model.read too."),
                Meaning::MissingScopes(Scopes { model_read: false, model_request: true }),
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
                Meaning::CouldNotCheck(RATE_LIMITED),
            ),
            (reply(500, None, "The server had an error"), Meaning::CouldNotCheck(SERVICE_TROUBLE)),
            (reply(503, None, ""), Meaning::CouldNotCheck(SERVICE_TROUBLE)),
            (
                reply(401, None, "You must be a member of an organization to use the API."),
                Meaning::NotUsableHere(NOT_A_MEMBER),
            ),
            (
                reply(401, None, "Your IP address is not authorized to make this request."),
                Meaning::NotUsableHere(IP_NOT_ALLOWED),
            ),
            (reply(418, Some("teapot"), "unknown"), Meaning::CouldNotCheck(UNFAMILIAR)),
            (reply(401, Some("something_new"), "A new kind of refusal"), Meaning::CouldNotCheck(UNFAMILIAR)),
            (Outcome::Reply { status: 401, body: None }, Meaning::CouldNotCheck(UNFAMILIAR)),
            (Outcome::Reply { status: 200, body: None }, Meaning::CouldNotCheck(UNFAMILIAR)),
            (Outcome::Timeout, Meaning::CouldNotCheck(TIMED_OUT)),
            (Outcome::NetworkError, Meaning::CouldNotCheck(UNREACHABLE)),
            (Outcome::NoPermission, Meaning::CouldNotCheck(NOT_ALLOWED)),
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
    fn one_word_needles_match_whole_words() {
        assert!(contains_word_ci("Your IP is not allowed", "ip"));
        assert!(!contains_word_ci("insufficient permissions", "ip"));
        assert!(!matches!(classify(&reply(401, None, "Invalid permission tip")), Meaning::NotUsableHere(_)));
    }

    #[test]
    fn every_rule_says_where_it_comes_from() {
        let inferred = RULES.iter().filter(|r| r.source == Source::Inferred).count();
        assert_eq!(
            inferred, 2,
            "scope wording and the IP refusal are inferred; update ARCHITECTURE.md when this changes"
        );
    }
}
