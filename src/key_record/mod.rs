//! The record of each key the admin sent to Innoslate with the extension:
//! which key Innoslate now holds, where it came from and when it expires,
//! so the admin can see it and be reminded. Never the key itself.
//!
//! What goes in: OpenAI's own masked form of the key (`sk-...` and its last
//! four characters, exactly what OpenAI's keys table shows to anyone who can
//! open it), taken from the key in the vault at fill time; what the create
//! dialog and the platform showed while the key was made (owner kind,
//! project, permissions, expiry, organisation), read from page reports,
//! which never carry field values; the organisation OpenAI's API named in a
//! live check; the Innoslate origin, which fields were filled, and whether
//! the admin's press of that form's Save was seen. Page texts are cleaned
//! ([`clean`]) and short. The background persists each record the core
//! hands it (`Effect::SaveKeyRecord`) in `storage.local`.

pub mod page;
pub mod reminder;
pub mod replace;

use crate::ai_feature::Purpose;
use crate::key::SecretKey;
use crate::live_check::LiveVerdict;
use crate::sender_check::PageKey;
use crate::substring::Substring;
use page::PageFacts;
use serde::Serialize;

/// Longest page text a record keeps, in characters.
pub const MAX_TEXT: usize = 60;

/// One key sent to one Innoslate origin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyRecord {
    /// Names the record (a random id from the background, never the key).
    pub id: String,
    /// The Innoslate origin the key was filled into.
    pub origin: String,
    /// OpenAI's masked form: `sk-...` and the last four characters.
    pub masked: String,
    /// The key's name as OpenAI's keys table showed it in the row with the
    /// key's masked form ("" until seen; plain names only, see `replace`).
    pub name: String,
    /// The project, as the create dialog showed it.
    pub project: String,
    /// Who owns the key ("You", "Service account"), as the dialog showed it.
    pub owner: String,
    /// The permissions choice, as the dialog showed it.
    pub permissions: String,
    /// The organisation as the platform showed it while the key was made.
    pub organization: String,
    /// The organisation OpenAI's API named (`openai-organization`) in a live check.
    pub api_organization: String,
    /// The page or the API showed a personal organisation.
    pub personal: bool,
    /// When the key was made (taken by the extension).
    pub created_ms: f64,
    /// When it expires, when known.
    pub expires_ms: Option<f64>,
    /// The create dialog's expiry choice, as the page worded it.
    pub expiry: String,
    /// The Innoslate fields filled with it.
    pub fields: Vec<Purpose>,
    /// The admin's press of the filled form's Save was seen.
    pub saved: bool,
    /// The last live check's conclusion while the key was in transit.
    pub live: Option<LiveVerdict>,
    /// When that check ran.
    pub live_ms: Option<f64>,
    /// The id of the record of the key this one replaced ("" for none).
    pub replaces: String,
    /// When OpenAI's keys table was seen without this key; the background
    /// sets it (`Effect::KeyRevoked`).
    pub revoked_ms: Option<f64>,
    /// The admin dismissed the reminder to revoke this key; the background sets it.
    pub revoke_dismissed: bool,
}

/// What is known of the key in the vault until it is filled.
#[derive(Debug, Default)]
struct Draft {
    facts: PageFacts,
    masked: String,
    name: String,
    created_ms: f64,
    api_organization: String,
    live: Option<(LiveVerdict, f64)>,
}

/// The latest record, until its form's Save is seen.
#[derive(Debug)]
struct Latest {
    record: KeyRecord,
    page: PageKey,
    form: Option<u32>,
}

/// The record's state in the core's memory: what the platform shows, what
/// is known of the key in transit, and the latest record.
#[derive(Debug)]
pub struct Tracker {
    page: PageFacts,
    held: Option<Draft>,
    latest: Option<Latest>,
    /// The id of the replaced key whose row the revoke step has seen listed.
    old_listed: Option<String>,
}

impl Default for Tracker {
    fn default() -> Self {
        Self::EMPTY
    }
}

impl Tracker {
    /// Nothing known yet, usable where only constants may be.
    pub const EMPTY: Tracker = Tracker {
        page: PageFacts {
            owner: String::new(),
            project: String::new(),
            permissions: String::new(),
            expiry: String::new(),
            organization: String::new(),
        },
        held: None,
        latest: None,
        old_listed: None,
    };

    /// Takes in what a page of the OpenAI platform shows. The keys table's
    /// row with the key's masked form names the held key, or the latest
    /// recorded one, which then comes back to be kept again.
    pub fn observe(&mut self, report: &crate::page_report::PageReport) -> Option<KeyRecord> {
        self.page.observe(report);
        if let Some(d) = self.held.as_mut().filter(|d| d.name.is_empty()) {
            d.name = replace::name_in_table(report, &d.masked).unwrap_or_default();
        }
        let l = self.latest.as_mut().filter(|l| l.record.name.is_empty())?;
        l.record.name = replace::name_in_table(report, &l.record.masked)?;
        Some(l.record.clone())
    }

    /// The revoke step saw the replaced key `id` listed (`listed`) or its
    /// table shown without it (`gone`): whether it is now revoked, which
    /// needs the row seen first, so a table still loading proves nothing.
    pub fn old_row(&mut self, id: &str, listed: bool, gone: bool) -> bool {
        if listed {
            self.old_listed = Some(id.to_string());
        }
        let revoked = gone && self.old_listed.as_deref() == Some(id);
        if revoked {
            self.old_listed = None;
        }
        revoked
    }

    /// A key is now held: a captured one takes what the platform showed
    /// while it was made; a pasted one nothing of it. `masked` is its
    /// masked form, by which the keys table names it.
    pub fn hold(&mut self, captured: bool, now_ms: f64, masked: String) {
        let facts = if captured { std::mem::take(&mut self.page) } else { PageFacts::default() };
        self.held = Some(Draft { facts, masked, created_ms: now_ms, ..Draft::default() });
    }

    /// A live check of the held key ended; `organization` is the API's
    /// `openai-organization` header ("" when absent).
    pub fn checked(&mut self, verdict: LiveVerdict, organization: &str, now_ms: f64) {
        if let Some(d) = &mut self.held {
            d.live = Some((verdict, now_ms));
            let org = clean(organization);
            if !org.is_empty() {
                d.api_organization = org;
            }
        }
    }

    /// The held key belongs to a personal organisation, as the page or the API showed.
    pub fn personal(&self) -> bool {
        self.held.as_ref().is_some_and(|d| page::is_personal(&d.facts.organization, &d.api_organization))
    }

    /// The held key was filled into `fields` on `page` of `origin`: its
    /// record. `secret` is the key in the vault, read for its masked form
    /// only; `replaces` the id of the record it replaces ("" for none).
    #[allow(clippy::too_many_arguments)]
    pub fn filled(
        &mut self,
        secret: &SecretKey,
        id: &str,
        replaces: &str,
        origin: String,
        fields: Vec<Purpose>,
        page: PageKey,
        form: Option<u32>,
    ) -> KeyRecord {
        let d = self.held.take().unwrap_or_default();
        let personal = page::is_personal(&d.facts.organization, &d.api_organization);
        let f = d.facts;
        let record = KeyRecord {
            id: clean(id),
            origin,
            masked: openai_masked(secret),
            name: d.name,
            project: f.project,
            owner: f.owner,
            permissions: f.permissions,
            organization: f.organization,
            api_organization: d.api_organization,
            personal,
            created_ms: d.created_ms,
            expires_ms: page::expiry_ms(&f.expiry, d.created_ms),
            expiry: f.expiry,
            fields,
            saved: false,
            live: d.live.map(|l| l.0),
            live_ms: d.live.map(|l| l.1),
            replaces: clean(replaces),
            revoked_ms: None,
            revoke_dismissed: false,
        };
        self.latest = Some(Latest { record: record.clone(), page, form });
        record
    }

    /// A trusted submit of `form` on `page`: the latest record, marked
    /// saved, when that is the form its key was filled into.
    pub fn submitted(&mut self, page: &PageKey, form: u32) -> Option<KeyRecord> {
        let l = self.latest.as_mut().filter(|l| l.page == *page && l.form == Some(form) && !l.record.saved)?;
        l.record.saved = true;
        Some(l.record.clone())
    }

    /// The key in transit is gone without a fill (cleared, expired, replaced).
    pub fn drop_held(&mut self) {
        self.held = None;
    }
}

/// OpenAI's masked form of a key: `sk-...` and its last four characters,
/// as its keys table shows every key.
pub fn openai_masked(secret: &SecretKey) -> String {
    let key = secret.expose_secret();
    let tail = key.char_indices().rev().nth(3).map_or("", |(i, _)| key.after_byte(i));
    let mut out = String::from("sk-...");
    out.push_str(tail);
    out
}

/// A page text as a record keeps it: letters, digits, spaces and simple
/// punctuation, white space collapsed, at most [`MAX_TEXT`] characters;
/// nothing at all when it may hold a secret.
pub fn clean(text: &str) -> String {
    let mut out = String::new();
    let mut count = 0;
    for c in text.chars() {
        let keep = c.is_ascii_alphanumeric()
            || (c.is_ascii() && b" .,:;-_'()/&+#@".contains(&(c as u8)))
            || (('\u{c0}'..='\u{24f}').contains(&c) && c != '\u{d7}' && c != '\u{f7}');
        let c = if c.is_whitespace() { ' ' } else { c };
        if !(keep || c == ' ') || (c == ' ' && (out.is_empty() || out.ends_with(' '))) || count >= MAX_TEXT {
            continue;
        }
        out.push(c);
        count += 1;
    }
    let out = out.trim_end().to_string();
    if crate::key::looks_secret(&out) {
        return String::new();
    }
    out
}

#[cfg(test)]
mod replace_tests;
#[cfg(test)]
mod tests;
