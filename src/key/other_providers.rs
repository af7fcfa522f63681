//! Keys and identifiers that are not OpenAI API keys but get pasted by
//! mistake: other providers' keys and OpenAI's non-secret ids.

/// What the text was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Other {
    /// Another service's credential; the name reads "This looks like {name}".
    Service(&'static str),
    /// An Azure OpenAI resource key (32 hex digits).
    Azure,
    /// An OpenAI id that is not a secret (`proj_…`, `org-…`, `user-…`).
    OpenaiId(&'static str),
    /// An OpenAI browser session token (`sess-…`).
    Session,
}

/// A recognised non-OpenAI-key text, with the public prefix that may be shown
/// in a masked form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Detected {
    pub what: Other,
    pub prefix: &'static str,
}

/// Prefix-recognised credentials (case-sensitive). Order matters only where
/// one prefix starts another.
static PREFIXES: &[(&str, Other)] = &[
    ("sk-ant-", Other::Service("core_other_anthropic_claude")),
    ("sk-or-", Other::Service("core_other_openrouter")),
    ("sk_live_", Other::Service("core_other_stripe_secret")),
    ("sk_test_", Other::Service("core_other_stripe_secret")),
    ("rk_live_", Other::Service("core_other_stripe_restricted")),
    ("rk_test_", Other::Service("core_other_stripe_restricted")),
    ("pk_live_", Other::Service("core_other_stripe_publishable")),
    ("pk_test_", Other::Service("core_other_stripe_publishable")),
    ("whsec_", Other::Service("core_other_stripe_webhook")),
    ("AIza", Other::Service("core_other_google_api")),
    ("github_pat_", Other::Service("core_other_github")),
    ("ghp_", Other::Service("core_other_github")),
    ("gho_", Other::Service("core_other_github")),
    ("ghu_", Other::Service("core_other_github")),
    ("ghs_", Other::Service("core_other_github")),
    ("ghr_", Other::Service("core_other_github")),
    ("glpat-", Other::Service("core_other_gitlab")),
    ("hf_", Other::Service("core_other_hugging_face")),
    ("gsk_", Other::Service("core_other_groq")),
    ("xai-", Other::Service("core_other_xai_grok")),
    ("pplx-", Other::Service("core_other_perplexity")),
    ("xoxb-", Other::Service("core_other_slack")),
    ("xoxp-", Other::Service("core_other_slack")),
    ("xoxa-", Other::Service("core_other_slack")),
    ("xoxe-", Other::Service("core_other_slack")),
    ("proj_", Other::OpenaiId("core_openai_project_id")),
    ("org-", Other::OpenaiId("core_openai_organization_id")),
    ("user-", Other::OpenaiId("core_openai_user_id")),
    ("sess-", Other::Session),
];

/// Recognise `s` (already normalised) as something other than an OpenAI key.
pub(crate) fn detect(s: &str) -> Option<Detected> {
    for &(prefix, what) in PREFIXES {
        if s.starts_with(prefix) {
            return Some(Detected { what, prefix });
        }
    }
    let b = s.as_bytes();
    // AWS access key id: AKIA/ASIA + 16 upper-case letters or digits.
    if b.len() == 20
        && (s.starts_with("AKIA") || s.starts_with("ASIA"))
        && b[4..].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return Some(Detected { what: Other::Service("core_other_aws_access"), prefix: "" });
    }
    // Several AI services issue `sk-` + 32 lower-case hex digits.
    if b.len() == 35 && s.starts_with("sk-") && b[3..].iter().all(is_lower_hex) {
        return Some(Detected { what: Other::Service("core_other_ai_service"), prefix: "sk-" });
    }
    if b.len() == 32 && b.iter().all(u8::is_ascii_hexdigit) {
        return Some(Detected { what: Other::Azure, prefix: "" });
    }
    // A JSON Web Token: three base64url parts, the first starting `eyJ`.
    if s.starts_with("eyJ")
        && s.len() > 20
        && s.bytes().filter(|&c| c == b'.').count() == 2
        && s.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'='))
    {
        return Some(Detected { what: Other::Service("core_other_sign_in"), prefix: "" });
    }
    None
}

fn is_lower_hex(c: &u8) -> bool {
    c.is_ascii_digit() || (b'a'..=b'f').contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openai_keys_are_not_other_providers() {
        assert_eq!(detect("sk-proj-abc"), None);
        assert_eq!(detect("sk-abcdefT3BlbkFJ"), None);
        assert_eq!(detect("sk-admin-abc"), None);
    }

    #[test]
    fn recognises_a_few() {
        let hex32 = "0123456789abcdef0123456789ABCDEF";
        assert_eq!(detect(hex32).map(|d| d.what), Some(Other::Azure));
        assert!(matches!(
            detect("sk-ant-api03-xyz").map(|d| d.what),
            Some(Other::Service(n)) if crate::message_words::said(n).contains("Anthropic")
        ));
        assert!(detect(&format!("sk-{}", &hex32[..32].to_ascii_lowercase())).is_some());
        assert_eq!(detect("AKIAABCDEFGHIJKLMNOP").map(|d| d.prefix), Some(""));
        assert_eq!(detect("org-abc").map(|d| d.what), Some(Other::OpenaiId("core_openai_organization_id")));
    }
}
