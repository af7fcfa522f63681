//! Moving the captured key into Innoslate: hold it, recognise the page,
//! offer the fill, and release the key only to the exact page that was
//! offered it, after the admin's own click there.
//!
//! An offer is bound to one page as the browser attests it ([`PageKey`]:
//! tab, document where the browser names it, full URL) and carries a fresh
//! nonce the content script must echo. Any report from that tab about
//! another page voids it, using it voids it, and `fill_done` is only taken
//! from the page the key went to. Chromium keeps reporting a document's
//! first URL as the sender's after `pushState`, so the URL the page report
//! gives (`location`, read by our content script) binds the offer too: a
//! report from the same document about another URL voids it.

pub mod key_field;
pub mod provider_choice;
pub mod vault;

use crate::ai_feature::Purpose;
use crate::guide::innoslate::{self, FIELD_NOT_FOUND_STEP, FILL_STEP, SAVE_STEP, UNRECOGNISED_STEP};
use crate::guide::{Advice, Step};
use crate::key::SecretKey;
use crate::key_record::{KeyRecord, Tracker};
use crate::live_check::LiveReport;
use crate::origin::Origin;
use crate::page_report::PageReport;
use crate::sender_check::PageKey;
use key_field::{find_key_fields, find_save_button};
use provider_choice::FilledField;
use serde::{Serialize, Serializer};
use vault::{ReleaseRefusal, Vault};
use zeroize::Zeroizing;

/// Why a page may not have the key, or report a fill, now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferRefusal {
    /// This page was never offered a fill.
    NoFillOffered,
    /// The offer named is not this page's current one (the page changed,
    /// or the offer was used).
    StaleOffer,
    /// The fields asked for are not the ones offered.
    FieldsNotOffered,
    /// A fill reported by a page the key was not released to.
    NotReleasedHere,
    /// The vault would not give the key out.
    Vault(ReleaseRefusal),
}

/// How long the "press Save" reminder stays after a fill.
const SAVE_REMINDER_MS: f64 = 5.0 * 60.0 * 1000.0;
/// Tabs with an open offer at once; the oldest goes first.
const MAX_OFFERS: usize = 8;
const TEXT_ROLES: &[&str] = &["textbox", "searchbox"];

/// What the admin may fill on this page, always by their own click: one of
/// `choices` (on a recognised Organization Preferences page), or, with
/// `pick`, the one field they click next (anywhere else on the origin).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FillPlan {
    /// The offer's nonce: `release_key` and `fill_done` must echo it.
    pub offer: String,
    /// Buttons to show, each with the fields it fills.
    pub choices: Vec<FillChoice>,
    /// Offer "Fill a field I pick".
    pub pick: bool,
    /// Masked key, to say which key is going in.
    pub masked: String,
}

/// One Fill button.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FillChoice {
    /// The button's label, a message id (`core_fill_chat_ai`: "Fill Chat AI").
    pub label: &'static str,
    /// Ids of the fields it fills, from the report the offer answers.
    pub fields: Vec<u32>,
}

/// What to show on an Innoslate page.
pub struct InnoslateDecision {
    /// The step to show.
    pub step: &'static Step,
    /// What to point at.
    pub target: Option<u32>,
    /// The fill offered, if any.
    pub fill: Option<FillPlan>,
    /// An instruction written for this page, replacing the step's.
    pub instruction: Option<Advice>,
}

/// The key on its way out of the core, for the one reply that carries it.
/// Serializes as a plain string; the copy is zeroed when dropped, and Debug
/// never shows it.
pub struct ExposedKey(Zeroizing<String>);

impl ExposedKey {
    fn from(secret: &SecretKey) -> ExposedKey {
        ExposedKey(Zeroizing::new(secret.expose_secret().to_string()))
    }

    /// The key, for the binding's writer (as `Serialize` gives it).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Serialize for ExposedKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl std::fmt::Debug for ExposedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ExposedKey(..)")
    }
}

impl PartialEq for ExposedKey {
    fn eq(&self, other: &Self) -> bool {
        *self.0 == *other.0
    }
}

#[derive(Debug, Clone, PartialEq)]
enum OfferKind {
    /// Recognised preferences: only these fields.
    Recognised(Vec<u32>),
    /// Elsewhere: the one field the admin picks.
    Pick,
}

struct Offer {
    page: PageKey,
    /// The URL the report that earned the offer gave.
    report_url: String,
    nonce: String,
    kind: OfferKind,
    /// Text fields of the latest report, by id: what the reminder after
    /// the fill needs to find their form and provider choice again.
    fields: Vec<(u32, FilledField)>,
}

struct Released {
    page: PageKey,
    nonce: String,
    fields: Vec<FilledField>,
}

struct Filled {
    origin: Origin,
    until_ms: f64,
    page: PageKey,
    /// The fields the key went into (empty when the admin picked one the
    /// offer did not know).
    fields: Vec<FilledField>,
}

/// The transfer's state in the core's memory.
pub struct Transfer {
    /// The key in transit.
    pub vault: Vault,
    /// Open offers, at most one per tab.
    offers: Vec<Offer>,
    /// The page the key was last released to, until it reports the fill.
    released: Option<Released>,
    /// The last fill, for the "press Save" reminder.
    filled: Option<Filled>,
    /// What OpenAI said about the held key, if it was tested. Only the
    /// report is kept, never the replies.
    live_report: Option<LiveReport>,
    /// The record of the key in transit and of the latest key filled.
    pub records: Tracker,
}

impl Default for Transfer {
    fn default() -> Self {
        Self::EMPTY
    }
}

impl Transfer {
    /// Nothing held or offered: the binding's thread-local starts here
    /// without a lazy initialiser (0.7 KB gzip of wasm less).
    pub const EMPTY: Transfer = Transfer {
        vault: Vault::EMPTY,
        offers: Vec::new(),
        released: None,
        filled: None,
        live_report: None,
        records: Tracker::EMPTY,
    };

    /// Decides what `page` (on the destination `origin`) should show.
    /// `fresh_nonce` names a new offer if one is made; an empty one makes none.
    pub fn innoslate_callout(
        &mut self,
        report: &PageReport,
        page: &PageKey,
        origin: &Origin,
        now_ms: f64,
        fresh_nonce: &str,
    ) -> Option<InnoslateDecision> {
        // An offer belongs to one page: a report from its tab about any other
        // page (in-page navigation, reload) voids it.
        self.offers.retain(|o| o.page.tab != page.tab || (o.page == *page && o.report_url == report.url));
        let pending = self.vault.info(now_ms).filter(|_| self.vault.destination() == Some(origin));
        let Some(info) = pending else {
            self.withdraw(page);
            let filled = self.filled.as_ref().filter(|f| f.origin == *origin && now_ms < f.until_ms)?;
            // Only the filled page shows the filled fields' settings and Save.
            if filled.page != *page {
                return Some(InnoslateDecision { step: &SAVE_STEP, target: None, fill: None, instruction: None });
            }
            return Some(after_fill(report, &filled.fields));
        };
        let fields = find_key_fields(report);
        // A field the admin picks is for no feature in particular; its
        // section still ties it to its provider choice.
        let mut forms: Vec<(u32, FilledField)> = Vec::new();
        for e in report.elements.iter().filter(|e| TEXT_ROLES.contains(&e.role.as_str())) {
            let purpose = fields.iter().find(|f| f.id == e.id).map_or(Purpose::Unspecified, |f| f.purpose);
            forms.push((e.id, FilledField { purpose, section: e.section.clone(), form: e.form }));
        }
        let preferences = innoslate::is_organization_preferences(report);
        if !fields.is_empty() && preferences {
            let confident: Vec<_> = fields.iter().filter(|f| f.confidence == 2).collect();
            let usable = if confident.is_empty() { fields.iter().collect() } else { confident };
            let mut choices: Vec<FillChoice> = usable
                .iter()
                .map(|f| FillChoice {
                    label: match (f.purpose, usable.len()) {
                        (Purpose::ChatAi, _) => "core_fill_chat_ai",
                        (Purpose::ImageAi, _) => "core_fill_image_ai",
                        (Purpose::Unspecified, 1) => "core_fill_the_key_field",
                        (Purpose::Unspecified, _) => "core_fill_this_field",
                    },
                    fields: vec![f.id],
                })
                .collect();
            if usable.len() > 1 {
                choices.push(FillChoice { label: "core_fill_both", fields: usable.iter().map(|f| f.id).collect() });
            }
            let offered = usable.iter().map(|f| f.id).collect();
            let target = usable.first().map(|f| f.id);
            let plan = self
                .offer(page, &report.url, OfferKind::Recognised(offered), forms, fresh_nonce)
                .map(|offer| FillPlan { offer, choices, pick: false, masked: info.masked });
            return Some(InnoslateDecision { step: &FILL_STEP, target, fill: plan, instruction: None });
        }
        // No key field here: lead the way to the preferences, if the page
        // shows how.
        if fields.is_empty() {
            if let Some(r) = innoslate::GUIDE.recognise(report) {
                self.withdraw(page);
                return Some(InnoslateDecision { step: r.step, target: r.target, fill: None, instruction: None });
            }
        }
        // Not recognised, or no key field on the preferences: say so, and
        // leave only the deliberate way out.
        let plan = self.offer(page, &report.url, OfferKind::Pick, forms, fresh_nonce).map(|offer| FillPlan {
            offer,
            choices: Vec::new(),
            pick: true,
            masked: info.masked,
        });
        let step = if preferences { &FIELD_NOT_FOUND_STEP } else { &UNRECOGNISED_STEP };
        Some(InnoslateDecision { step, target: None, fill: plan, instruction: None })
    }

    /// Makes or renews the offer for `page`; the nonce stays while the page
    /// and what is offered stay the same. Returns the nonce.
    fn offer(
        &mut self,
        page: &PageKey,
        report_url: &str,
        kind: OfferKind,
        forms: Vec<(u32, FilledField)>,
        fresh: &str,
    ) -> Option<String> {
        if let Some(o) =
            self.offers.iter_mut().find(|o| o.page == *page && o.report_url == report_url && o.kind == kind)
        {
            o.fields = forms;
            return Some(o.nonce.clone());
        }
        self.withdraw(page);
        if fresh.is_empty() {
            return None;
        }
        if self.offers.len() >= MAX_OFFERS {
            self.offers.remove(0);
        }
        self.offers.push(Offer {
            page: page.clone(),
            report_url: report_url.to_string(),
            nonce: fresh.to_string(),
            kind,
            fields: forms,
        });
        Some(fresh.to_string())
    }

    fn withdraw(&mut self, page: &PageKey) {
        self.offers.retain(|o| o.page.tab != page.tab);
    }

    /// Whether `page` holds the offer named `offer` on the recognised
    /// preferences page, so that "Test with OpenAI" there may test the key
    /// it offers. The offer is not used up.
    pub fn offered_for_test(&self, page: &PageKey, offer: &str) -> Result<(), TransferRefusal> {
        match self.offers.iter().find(|o| o.page == *page) {
            Some(o) if o.nonce == offer && matches!(o.kind, OfferKind::Recognised(_)) => Ok(()),
            Some(_) => Err(TransferRefusal::StaleOffer),
            None => Err(TransferRefusal::NoFillOffered),
        }
    }

    /// The key for `page` on `origin`, if that exact page holds the offer
    /// named `offer` and `fields` are among those it offered. The offer is
    /// used up.
    pub fn release(
        &mut self,
        page: &PageKey,
        origin: &Origin,
        offer: &str,
        fields: &[u32],
        now_ms: f64,
    ) -> Result<ExposedKey, TransferRefusal> {
        let Some(index) = self.offers.iter().position(|o| o.page == *page) else {
            let same_tab = self.offers.iter().any(|o| o.page.tab == page.tab);
            return Err(if same_tab { TransferRefusal::StaleOffer } else { TransferRefusal::NoFillOffered });
        };
        let o = &self.offers[index];
        if o.nonce != offer {
            return Err(TransferRefusal::StaleOffer);
        }
        let fits = match &o.kind {
            OfferKind::Recognised(ids) => !fields.is_empty() && fields.iter().all(|f| ids.contains(f)),
            OfferKind::Pick => fields.len() <= 1,
        };
        if !fits {
            return Err(TransferRefusal::FieldsNotOffered);
        }
        let mut filled: Vec<FilledField> = Vec::new();
        for (_, field) in o.fields.iter().filter(|(id, _)| fields.contains(id)) {
            filled.push(field.clone());
        }
        let key = self.vault.release(origin, now_ms).map(ExposedKey::from).map_err(TransferRefusal::Vault)?;
        let used = self.offers.remove(index);
        self.released = Some(Released { page: used.page, nonce: used.nonce, fields: filled });
        Ok(key)
    }

    /// The page the key was released to filled `filled` fields: wipe the
    /// key and remind the admin to save. Only that page, naming that offer,
    /// may say so. Returns the key's record (named `record_id`, replacing
    /// the record `replaces` names, "" for none) when a key was wiped.
    pub fn filled(
        &mut self,
        page: &PageKey,
        origin: &Origin,
        offer: &str,
        filled: u32,
        now_ms: f64,
        (record_id, replaces): (&str, &str),
    ) -> Result<Option<KeyRecord>, TransferRefusal> {
        if !self.released.as_ref().is_some_and(|r| r.page == *page && r.nonce == offer) {
            return Err(TransferRefusal::NotReleasedHere);
        }
        let released = self.released.take().expect("checked above");
        if filled == 0 || self.vault.destination() != Some(origin) {
            return Ok(None);
        }
        self.offers.clear();
        // The masked form comes from the key itself, before it is wiped.
        let record = self.vault.for_session_mirror().map(|(secret, _, _)| {
            self.records.filled(
                secret,
                record_id,
                replaces,
                origin.to_string(),
                released.fields.iter().map(|f| f.purpose).collect(),
                released.page.clone(),
                released.fields.first().and_then(|f| f.form),
            )
        });
        self.filled = Some(Filled {
            origin: origin.clone(),
            until_ms: now_ms + SAVE_REMINDER_MS,
            page: released.page,
            fields: released.fields,
        });
        self.vault.clear();
        Ok(record)
    }

    /// Holds a newly captured key for `destination`.
    /// `captured`: taken from OpenAI's dialog (the platform's facts go with
    /// it), rather than pasted into the popup.
    pub fn hold(&mut self, secret: SecretKey, destination: Origin, now_ms: f64, ttl_ms: f64, captured: bool) {
        self.records.hold(captured, now_ms, crate::key_record::openai_masked(&secret));
        self.live_report = None;
        self.offers.clear();
        self.released = None;
        self.filled = None;
        self.vault.hold(secret, destination, now_ms, ttl_ms);
    }

    /// Takes back a key mirrored in session storage after the service worker
    /// restarted. It is validated again, and dropped if it expired meanwhile
    /// or its destination no longer parses.
    pub fn restore(&mut self, key: &str, destination: &str, expires_at_ms: f64, now_ms: f64) -> bool {
        let (Ok((_, secret)), Ok(origin)) = (crate::key::accept_key(key), Origin::parse_destination(destination))
        else {
            return false;
        };
        // Written so that a NaN deadline also counts as expired.
        if expires_at_ms.partial_cmp(&now_ms) != Some(std::cmp::Ordering::Greater) {
            return false;
        }
        self.vault.hold_until(secret, origin, expires_at_ms);
        true
    }

    /// The mirror record: key, destination, deadline.
    pub fn session_record(&self) -> Option<(ExposedKey, String, f64)> {
        self.vault.for_session_mirror().map(|(secret, origin, at)| (ExposedKey::from(secret), origin.to_string(), at))
    }

    /// Keeps the report of a live check of the held key (made by the loader
    /// with the key from [`Transfer::session_record`]); ignored when no key
    /// is held.
    pub fn record_live_report(&mut self, report: LiveReport, now_ms: f64) {
        self.vault.expire(now_ms);
        if self.vault.destination().is_some() {
            self.live_report = Some(report);
        }
    }

    /// The report of the held key's live check, while that key is held
    /// (the caller has checked expiry).
    pub fn live_report(&self) -> Option<&LiveReport> {
        self.vault.destination().and(self.live_report.as_ref())
    }

    /// The admin closed the "press Save" reminder.
    pub fn dismiss_reminder(&mut self) {
        self.filled = None;
    }
}

/// What the filled page shows: the first filled feature's provider choice
/// that is not on OpenAI yet, or, once there is none, the form's Save.
fn after_fill(report: &PageReport, fields: &[FilledField]) -> InnoslateDecision {
    let review = provider_choice::review(report, fields);
    if let Some(pending) = &review.pending {
        let (step, instruction) = innoslate::provider_instruction(pending);
        return InnoslateDecision { step, target: Some(pending.target), fill: None, instruction: Some(instruction) };
    }
    let features: Vec<Purpose> = fields.iter().map(|f| f.purpose).collect();
    let unsure = if fields.is_empty() { Vec::new() } else { review.unsure };
    InnoslateDecision {
        step: &SAVE_STEP,
        target: fields.first().and_then(|f| f.form).and_then(|f| find_save_button(report, f)),
        fill: None,
        instruction: Some(innoslate::save_instruction(&features, &unsure)),
    }
}

/// Steps on the Innoslate side.
pub const INNOSLATE_TOTAL: u8 = innoslate::TOTAL;
