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

use super::key_field::Purpose;
use crate::guide::normalise;
use crate::page_report::{ElementFact, PageReport};

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

/// What to do with one feature's provider choice.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Pick this option (a list or a radio group). `None`: the page's
    /// wording of the option is not fit to show.
    Choose(Option<String>),
    /// Turn this switch on (`true`) or off (`false`), named as the page
    /// names it when fit to show.
    Turn(bool, Option<String>),
}

/// A feature whose provider choice is not on OpenAI yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// The feature.
    pub feature: Purpose,
    /// The element to point at: the list, the OpenAI radio, or the switch.
    pub target: u32,
    /// What to do there.
    pub change: Change,
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
const OWN_KEY_WORDS: &[&str] =
    &["own key", "own api key", "own openai", "your own", "custom key", "custom api", "bring your own", "openai"];
// A switch whose name says "use the default" is off for OpenAI.
const DEFAULT_WORDS: &[&str] =
    &["spec innovations", "default service", "default api", "default provider", "default key"];
// Options and switches of providers a platform.openai.com key does not serve.
const OTHER_PROVIDERS: &[&str] =
    &["asksage", "ask sage", "azure", "anthropic", "claude", "gemini", "google", "bedrock", "mistral"];

fn has_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

fn feature_of(own: &str, section: &str) -> Purpose {
    let says = |word| own.contains(word) || section.contains(word);
    if says("image") {
        Purpose::ImageAi
    } else if says("chat") {
        Purpose::ChatAi
    } else {
        Purpose::Unspecified
    }
}

/// Whether an option name means "OpenAI with your own key" (never Azure
/// OpenAI, AskSage or the default service).
fn means_openai(option: &str) -> bool {
    let o = normalise(option);
    !has_any(&o, OTHER_PROVIDERS) && !o.contains("default") && has_any(&o, &["openai", "own key", "custom"])
}

fn means_other_choice(option: &str) -> bool {
    let o = normalise(option);
    has_any(&o, OTHER_PROVIDERS) || has_any(&o, &["default", "spec innovations"])
}

/// The one option among `names` that means OpenAI, preferring the ones
/// that say "OpenAI" outright; `None` when none or several fit equally.
fn openai_option<'a>(names: &[&'a str]) -> Option<&'a str> {
    let mut best: Option<(bool, &str)> = None;
    let mut tied = false;
    for name in names.iter().copied().filter(|n| means_openai(n)) {
        let says = normalise(name).contains("openai");
        match best {
            Some((b, _)) if b == says => tied = true,
            Some((true, _)) => {}
            _ => (best, tied) = (Some((says, name)), false),
        }
    }
    best.filter(|_| !tied).map(|(_, name)| name)
}

/// A page's wording shown in the callout only when it is short and plain:
/// ASCII letters and digits, single spaces and a little punctuation, at
/// most five words. Anything else (invisible or bidi characters, look-alike
/// letters, a sentence) is replaced by our own words.
pub fn page_words(text: &str) -> Option<String> {
    let plain = text.bytes().all(|c| c.is_ascii_alphanumeric() || b" ()-.&'/,+".contains(&c));
    let fits = text.len() <= 32 && text.split(' ').count() <= 5 && !text.contains("  ");
    (plain && fits && !text.is_empty() && text.trim() == text).then(|| text.to_string())
}

/// One provider choice on the page.
struct Choice<'a> {
    feature: Purpose,
    section: String,
    form: Option<u32>,
    shape: Shape<'a>,
}

enum Shape<'a> {
    List(&'a ElementFact),
    Radios(Vec<&'a ElementFact>),
    /// A switch, and whether it is on for OpenAI ("use my key") or off
    /// ("use the default").
    Switch(&'a ElementFact, bool),
}

fn choices(page: &PageReport) -> Vec<Choice<'_>> {
    let mut out: Vec<Choice<'_>> = Vec::new();
    for e in page.elements.iter().filter(|e| e.is_visible() && !e.disabled && e.dialog.is_none()) {
        let own = normalise(&format!("{} | {}", e.name, e.label));
        let section = normalise(&e.section);
        // Model pickers name OpenAI too; they are not provider choices.
        if own.contains("model") {
            continue;
        }
        let feature = feature_of(&own, &section);
        let shape = match e.role.as_str() {
            "combobox" | "listbox" => {
                let options: Vec<&str> = e.options.iter().map(String::as_str).collect();
                // Named so, or its options show it: OpenAI beside the default or another provider.
                let offered = openai_option(&options).is_some() && options.iter().any(|o| means_other_choice(o));
                if !has_any(&own, PROVIDER_WORDS) && !offered {
                    continue;
                }
                Shape::List(e)
            }
            "radio" => {
                if let Some(Choice { shape: Shape::Radios(group), .. }) = out
                    .iter_mut()
                    .find(|c| c.section == section && c.form == e.form && matches!(c.shape, Shape::Radios(_)))
                {
                    group.push(e);
                    continue;
                }
                // A group's feature is its caption's, not one radio's.
                let feature = feature_of("", &section);
                out.push(Choice { feature, section, form: e.form, shape: Shape::Radios(vec![e]) });
                continue;
            }
            "switch" | "checkbox" if !has_any(&own, OTHER_PROVIDERS) => {
                let on_for_openai = has_any(&own, OWN_KEY_WORDS);
                if !on_for_openai && !has_any(&own, DEFAULT_WORDS) {
                    continue;
                }
                Shape::Switch(e, on_for_openai)
            }
            _ => continue,
        };
        out.push(Choice { feature, section, form: e.form, shape });
    }
    // A radio group is a provider choice when its caption says so, or its
    // radios offer OpenAI beside the default or another provider.
    out.retain(|c| match &c.shape {
        Shape::Radios(group) => {
            let names: Vec<&str> = group.iter().map(|r| r.name.as_str()).collect();
            (has_any(&c.section, PROVIDER_WORDS) && !c.section.contains("model"))
                || (openai_option(&names).is_some() && names.iter().any(|n| means_other_choice(n)))
        }
        _ => true,
    });
    out
}

/// Where one choice stands: `Ok(None)` on OpenAI, `Ok(Some(..))` to change,
/// `Err(())` when its current value or its OpenAI option cannot be told.
fn standing(choice: &Choice<'_>, feature: Purpose) -> Result<Option<Pending>, ()> {
    let (target, change) = match &choice.shape {
        Shape::List(e) => {
            if e.value_text.is_empty() {
                return Err(());
            }
            if means_openai(&e.value_text) {
                return Ok(None);
            }
            // A list whose options are not reported (a closed custom
            // combobox) is still pointed at, with our own words.
            let options: Vec<&str> = e.options.iter().map(String::as_str).collect();
            let option = match openai_option(&options) {
                Some(o) => page_words(o),
                None if options.is_empty() => None,
                None => return Err(()),
            };
            (e.id, Change::Choose(option))
        }
        Shape::Radios(group) => {
            let names: Vec<&str> = group.iter().map(|r| r.name.as_str()).collect();
            let name = openai_option(&names).ok_or(())?;
            let radio = group.iter().find(|r| r.name == name).ok_or(())?;
            // Without any checked state the page does not say what is chosen.
            if radio.checked == Some(true) || group.iter().all(|r| r.checked.is_none()) {
                return if radio.checked == Some(true) { Ok(None) } else { Err(()) };
            }
            (radio.id, Change::Choose(page_words(name)))
        }
        Shape::Switch(e, on_for_openai) => match e.checked {
            None => return Err(()),
            Some(on) if on == *on_for_openai => return Ok(None),
            Some(_) => (e.id, Change::Turn(*on_for_openai, page_words(&e.name))),
        },
    };
    Ok(Some(Pending { feature, target, change }))
}

/// Where each filled feature's provider choice stands on `page`, Chat AI
/// first. A field for no feature in particular (one key for both) is
/// governed by every feature's choice in its section.
pub fn review(page: &PageReport, filled: &[FilledField]) -> Review {
    let all = choices(page);
    let named_in = |field: &FilledField, feature| {
        let section = normalise(&field.section);
        all.iter().any(|c| c.feature == feature && c.section == section)
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
        let section = normalise(&field.section);
        let same_form = |c: &&Choice<'_>| c.form.is_none() || field.form.is_none() || c.form == field.form;
        // A choice that names the feature governs it; otherwise one without
        // a feature, in the field's own section.
        let mut governing =
            all.iter().filter(same_form).filter(|c| feature != Purpose::Unspecified && c.feature == feature);
        let mut first = governing.next();
        let mut more = governing.next().is_some();
        if first.is_none() {
            let mut local =
                all.iter().filter(same_form).filter(|c| c.feature == Purpose::Unspecified && c.section == section);
            first = local.next();
            more = local.next().is_some();
        }
        match first.filter(|_| !more).map(|c| standing(c, feature)) {
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
