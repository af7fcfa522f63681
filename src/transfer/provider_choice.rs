//! After a fill: the setting that decides whether Innoslate uses the filled
//! key. Innoslate lets Chat AI and Image AI each use SPEC Innovations'
//! default service or a custom key, so a key typed into the OpenAI field is
//! only used once that feature's provider choice says OpenAI.
//!
//! The choice is recognised the way the key fields are: by what an admin
//! reads (names, labels, the section around it, option names), never by
//! markup. Three shapes are understood: a list (a select or combobox whose
//! chosen option is reported by name), a radio group, and a switch or
//! checkbox. When a feature's choice cannot be told (none, several, no
//! current value), the feature is "unsure" and nothing is pointed at for it.
//! Nothing here changes a setting: it only says where to look.

use super::key_field::OTHER_PROVIDERS;
use crate::ai_feature::{Change, Pending, Purpose};
use crate::guide::normalise;
use crate::page_report::{ElementFact, PageReport};
use crate::substring::Substring;

/// What the reminder keeps about one filled field: enough to find the
/// setting that governs it in a later report (element ids change between
/// reports; sections and forms do not).
#[derive(Debug, Clone, PartialEq)]
pub struct FilledField {
    /// Chat AI, Image AI, or not said (one field for both).
    pub purpose: Purpose,
    /// The field's section, as reported.
    pub section: String,
    /// The field's form, if it has one.
    pub form: Option<u32>,
}

/// Where each filled feature stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Review {
    /// The first feature (Chat AI before Image AI) to set to OpenAI.
    pub pending: Option<Pending>,
    /// Features whose choice could not be told: the admin checks them.
    pub unsure: Vec<Purpose>,
}

// A choice's name says what it decides: which service answers.
const PROVIDER_WORDS: &[&str] = &["provider", "service", "source", "vendor"];
// A switch whose name says "use my key" is on for OpenAI.
const OWN_KEY_WORDS: &[&str] = &["own key", " own ", "custom", "openai"];
// A switch whose name says "use the default" is off for OpenAI.
const DEFAULT_WORDS: &[&str] = &["spec innovations", "default service", "default provider"];

fn has_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.has(w))
}

fn feature_of(own: &str, section: &str) -> Purpose {
    let says = |word: &str| own.has(word) || section.has(word);
    if says("image") {
        Purpose::ImageAi
    } else if says("chat") {
        Purpose::ChatAi
    } else {
        Purpose::Unspecified
    }
}

/// Whether a normalised option name means "OpenAI with your own key"
/// (never Azure OpenAI, AskSage or the default service).
fn means_openai(option: &str) -> bool {
    !has_any(option, OTHER_PROVIDERS) && !option.has("default") && has_any(option, &["openai", "own key", "custom"])
}

/// What a list's or a radio group's option names say, read one by one.
#[derive(Default)]
struct Options<'a> {
    /// The option that means OpenAI so far.
    best: Option<&'a str>,
    /// It says "OpenAI" outright (preferred over "own key" or "custom").
    says_openai: bool,
    /// Another option fits as well.
    tied: bool,
    /// The default or another provider is among them.
    other: bool,
}

impl<'a> Options<'a> {
    fn add(&mut self, name: &'a str) {
        let n = normalise(name);
        self.other |= has_any(&n, OTHER_PROVIDERS) || has_any(&n, &["default", "spec innovations"]);
        if !means_openai(&n) {
            return;
        }
        let says = n.has("openai");
        if self.best.is_none() || says && !self.says_openai {
            (self.best, self.says_openai, self.tied) = (Some(name), says, false);
        } else if says == self.says_openai {
            self.tied = true;
        }
    }

    /// The one option that means OpenAI; `None` when none or several fit equally.
    fn openai(&self) -> Option<&'a str> {
        self.best.filter(|_| !self.tied)
    }

    /// OpenAI beside the default or another provider: a provider choice.
    fn offer_openai(&self) -> bool {
        self.openai().is_some() && self.other
    }
}

fn list_options(list: &ElementFact) -> Options<'_> {
    let mut options = Options::default();
    for name in &list.options {
        options.add(name);
    }
    options
}

/// A page's wording shown in the callout only when it is short and plain:
/// ASCII letters and digits, single spaces and a little punctuation, at
/// most five words. Anything else (invisible or bidi characters, look-alike
/// letters, a sentence) is replaced by our own words.
pub fn page_words(text: &str) -> Option<String> {
    crate::guide::advice::is_plain(text, 32, 5, b"()-.&'/,+").then(|| text.to_string())
}

/// The shape of a provider choice.
#[derive(Clone, Copy)]
enum Shape {
    /// A select or combobox.
    List,
    /// A radio group, counted once, at its first radio.
    Radios,
    /// A switch, and whether it is on for OpenAI ("use my key") or off
    /// ("use the default").
    Switch(bool),
}

fn usable(e: &ElementFact) -> bool {
    e.is_visible() && !e.disabled && e.dialog.is_none()
}

/// Whether `r` is a radio of `radio`'s group: the same caption and form.
fn same_group(r: &ElementFact, radio: &ElementFact) -> bool {
    r.role == "radio" && usable(r) && r.section == radio.section && r.form == radio.form
}

/// `radio`'s group, read in one pass: its option names, its first radio,
/// and whether any radio reports a checked state.
fn radio_group<'a>(page: &'a PageReport, radio: &ElementFact) -> (Options<'a>, Option<&'a ElementFact>, bool) {
    let (mut options, mut first, mut known) = (Options::default(), None, false);
    for r in &page.elements {
        if same_group(r, radio) {
            options.add(&r.name);
            first = first.or(Some(r));
            known |= r.checked.is_some();
        }
    }
    (options, first, known)
}

/// Whether `e` is a provider choice, for which feature, and its shape.
fn choice(page: &PageReport, e: &ElementFact) -> Option<(Purpose, Shape)> {
    let own = normalise(&format!("{} | {}", e.name, e.label));
    let section = normalise(&e.section);
    // Model pickers name OpenAI too; they are not provider choices.
    if !usable(e) || own.has("model") || section.has("model") {
        return None;
    }
    let shape = match e.role.as_str() {
        // Named so, or its options show it: OpenAI beside the default or another provider.
        "combobox" | "listbox" if has_any(&own, PROVIDER_WORDS) || list_options(e).offer_openai() => Shape::List,
        // A group counts once, at its first radio, with its caption's feature.
        "radio" => {
            let (options, first, _) = radio_group(page, e);
            let counted = first.is_some_and(|r| std::ptr::eq(r, e));
            return (counted && (has_any(&section, PROVIDER_WORDS) || options.offer_openai()))
                .then(|| (feature_of("", &section), Shape::Radios));
        }
        "switch" | "checkbox" if !has_any(&own, OTHER_PROVIDERS) => {
            let on_for_openai = has_any(&own, OWN_KEY_WORDS);
            if !on_for_openai && !has_any(&own, DEFAULT_WORDS) {
                return None;
            }
            Shape::Switch(on_for_openai)
        }
        _ => return None,
    };
    Some((feature_of(&own, &section), shape))
}

/// Where one choice stands: `Ok(None)` on OpenAI, `Ok(Some(..))` to change,
/// `Err(())` when its current value or its OpenAI option cannot be told.
fn standing(page: &PageReport, e: &ElementFact, shape: Shape, feature: Purpose) -> Result<Option<Pending>, ()> {
    let (target, change) = match shape {
        Shape::List => {
            let openai = list_options(e).openai();
            if e.value_text.is_empty() {
                return Err(());
            }
            if means_openai(&normalise(&e.value_text)) {
                return Ok(None);
            }
            // A list whose options are not reported (a closed custom
            // combobox) is still pointed at, with our own words.
            if openai.is_none() && !e.options.is_empty() {
                return Err(());
            }
            (e.id, Change::Choose(openai.and_then(page_words)))
        }
        Shape::Radios => {
            let (options, _, known) = radio_group(page, e);
            let name = options.openai().ok_or(())?;
            let radio = page.elements.iter().find(|r| same_group(r, e) && r.name == name).ok_or(())?;
            match radio.checked {
                Some(true) => return Ok(None),
                // Without any checked state the page does not say what is chosen.
                _ if !known => return Err(()),
                _ => (radio.id, Change::Choose(page_words(name))),
            }
        }
        Shape::Switch(on_for_openai) => match e.checked {
            None => return Err(()),
            Some(on) if on == on_for_openai => return Ok(None),
            Some(_) => (e.id, Change::Turn(on_for_openai, page_words(&e.name))),
        },
    };
    Ok(Some(Pending { feature, target, change }))
}

/// Where each filled feature's provider choice stands on `page`, Chat AI
/// first. A field for no feature in particular (one key for both) is
/// governed by every feature's choice in its section.
pub fn review(page: &PageReport, filled: &[FilledField]) -> Review {
    // Whether a choice for `feature` sits in `field`'s section.
    let named_in = |field: &FilledField, feature| {
        page.elements.iter().any(|e| e.section == field.section && choice(page, e).is_some_and(|(f, _)| f == feature))
    };
    let mut review = Review::default();
    for feature in [Purpose::ChatAi, Purpose::ImageAi, Purpose::Unspecified] {
        // The filled field whose key this feature's choice decides.
        let Some(field) = filled.iter().find(|f| match (f.purpose, feature) {
            (Purpose::Unspecified, Purpose::Unspecified) => {
                !named_in(f, Purpose::ChatAi) && !named_in(f, Purpose::ImageAi)
            }
            (Purpose::Unspecified, wanted) => named_in(f, wanted),
            (own, wanted) => own == wanted,
        }) else {
            continue;
        };
        // A choice that names the feature governs it, and one without a
        // feature in the field's own section; exactly one must.
        let (mut found, mut several) = (None, false);
        for e in &page.elements {
            let Some((f, shape)) = choice(page, e) else { continue };
            let mine = if f == Purpose::Unspecified { e.section == field.section } else { f == feature };
            if mine && (e.form.is_none() || field.form.is_none() || e.form == field.form) {
                several |= found.is_some();
                found = Some((e, shape));
            }
        }
        match found.filter(|_| !several).map(|(e, shape)| standing(page, e, shape, feature)) {
            Some(Ok(None)) => {}
            Some(Ok(Some(p))) => {
                review.pending.get_or_insert(p);
            }
            _ => review.unsure.push(feature),
        }
    }
    review
}

#[cfg(test)]
mod tests;
