//! The short guide on the Innoslate side: from wherever the admin lands to
//! the Organization Preferences page where the key field is. It applies only
//! on the Innoslate origin the admin configured, and only while a key is
//! waiting to be delivered; the dispatcher enforces both.
//!
//! The key is offered only on a page recognised as Organization Preferences
//! ([`is_organization_preferences`]): its first heading says so and the page
//! shows the Chat AI and Image AI settings. Any other page of the origin may
//! hold content that others wrote (a discussion, a document, an attachment),
//! so a field label alone never earns the key.

use super::{normalise, Guide, Locator, Screen, Signal, Step, Text};
use crate::ai_feature::{Change, Pending, Purpose};
use crate::page_report::PageReport;
use crate::substring::Substring;

/// The Innoslate guide: to Organization Preferences, fill, save.
pub static GUIDE: Guide = Guide { id: "innoslate-transfer", steps: STEPS };

/// Where the fill happens; its screen is decided by
/// [`is_organization_preferences`] and the key-field finder, not by
/// signals, so it has none of its own.
pub static FILL_STEP: Step = Step {
    id: "fill-key",
    number: 3,
    title: "Put the key into Innoslate",
    instruction: "Press Fill for the OpenAI API key field to fill. Nothing is written before you press it, nor saved before you press Save.",
    why: "The key goes from OpenAI to this field directly, never through the clipboard.",
    screen: Screen { hosts: &[], paths: &[], not_paths: &[], all_of: &[], any_of: &[], none_of: &[] },
    look_for: "Look for the OpenAI API Key field.",
    wordings: &[],
    needs: &[],
    target: &[],
    keep_clear: &[],
    advise: None,
    done_when: &[],
};

/// A page of the Innoslate origin that is not recognised as Organization
/// Preferences. The instruction, which names the page's path, is written by
/// [`unrecognised_instruction`].
pub static UNRECOGNISED_STEP: Step = Step {
    id: "fill-unrecognised",
    number: 3,
    title: "This is not Organization Preferences",
    instruction: "",
    why: "Other pages can hold content written by anyone, so the key is not offered there.",
    look_for: "Look for Organization Preferences under the Admin Dashboard.",
    wordings: &[],
    needs: &[],
    screen: Screen { hosts: &[], paths: &[], not_paths: &[], all_of: &[], any_of: &[], none_of: &[] },
    target: &[],
    keep_clear: &[],
    advise: None,
    done_when: &[],
};

/// What the admin reads on an unrecognised page: where they are, what is
/// wrong with it, and the deliberate way out.
pub fn unrecognised_instruction(path: &str) -> String {
    // Long paths are cut: the callout must stay readable.
    let end = path.char_indices().nth(80).map_or(path.len(), |(i, _)| i);
    let cut = if end < path.len() { "\u{2026}" } else { "" };
    format!(
        "This page ({}{cut}) does not look like Organization Preferences. Go there through the Admin Dashboard. \
         If the key really belongs here, choose \u{201c}Fill a field I pick\u{201d}, then click the field.",
        path.until_byte(end)
    )
}

/// Whether `page` is Innoslate's Organization Preferences: its first
/// heading names it, and the page shows both the Chat AI and the Image AI
/// settings (as headings, sections or control names).
pub fn is_organization_preferences(page: &PageReport) -> bool {
    let titled = page
        .headings
        .first()
        .map(|h| normalise(h))
        .is_some_and(|h| h.has("organization preferences") || h.has("organisation preferences"));
    if !titled {
        return false;
    }
    // Everything the page names, read once.
    let mut named = String::new();
    for text in page.headings.iter().chain(page.elements.iter().flat_map(|e| [&e.section, &e.name, &e.label])) {
        named.push_str(text);
        named.push('|');
    }
    let named = normalise(&named);
    named.has("chat ai") && named.has("image ai")
}

/// After the fill, once every filled feature's provider is OpenAI (or
/// cannot be told): point at the form's Save button. The instruction is
/// written by [`save_instruction`]; this one stands where the filled
/// fields cannot be seen (another page of the origin).
pub static SAVE_STEP: Step = Step {
    id: "press-save",
    number: 4,
    title: "Check and save",
    instruction: "The key is in place. Check that Chat AI and Image AI are set to use your own OpenAI key, then press Save to store it in Innoslate.",
    why: "Innoslate only keeps the key once you save; the assistant never presses Save for you.",
    screen: Screen { hosts: &[], paths: &[], not_paths: &[], all_of: &[], any_of: &[], none_of: &[] },
    look_for: "Look for the Save button at the end of the form.",
    wordings: &[],
    needs: &[],
    target: &[],
    keep_clear: &[],
    advise: None,
    done_when: &[],
};

const fn provider_step(id: &'static str, title: &'static str) -> Step {
    Step {
        id,
        number: 4,
        title,
        instruction: "",
        why: "Innoslate uses your key only where the provider is set to it; the assistant never changes this setting for you.",
        screen: Screen { hosts: &[], paths: &[], not_paths: &[], all_of: &[], any_of: &[], none_of: &[] },
        look_for: "Look for the provider setting next to the key field.",
        wordings: &[],
        needs: &[],
        target: &[],
        keep_clear: &[],
        advise: None,
        done_when: &[],
    }
}

/// After the fill: Chat AI still uses another provider. One step per
/// feature, so each is announced as it comes; the instruction is written by
/// [`provider_instruction`].
pub static CHAT_PROVIDER_STEP: Step = provider_step("choose-chat-provider", "Make Chat AI use your key");
/// After the fill: Image AI still uses another provider.
pub static IMAGE_PROVIDER_STEP: Step = provider_step("choose-image-provider", "Make Image AI use your key");
/// After the fill of one key field for both features: its provider is not
/// OpenAI yet.
pub static PROVIDER_STEP: Step = provider_step("choose-provider", "Make Innoslate use your key");

/// The step and instruction that point at a provider choice to change.
pub fn provider_instruction(pending: &Pending) -> (&'static Step, String) {
    let step = match pending.feature {
        Purpose::ChatAi => &CHAT_PROVIDER_STEP,
        Purpose::ImageAi => &IMAGE_PROVIDER_STEP,
        Purpose::Unspecified => &PROVIDER_STEP,
    };
    let (verb, words, ours) = match &pending.change {
        Change::Choose(option) => ("Choose", option, "OpenAI"),
        Change::Turn(on, name) => (if *on { "Turn on" } else { "Turn off" }, name, "this switch"),
    };
    // The page's words are quoted; ours are not.
    let (open, what, close) = words.as_deref().map_or(("", ours, ""), |w| ("\u{201c}", w, "\u{201d}"));
    let feature = names_of(&[pending.feature]).0;
    (step, format!("{feature} does not use your key yet. {verb} {open}{what}{close} here, then press Save."))
}

/// What the Save step says: that the provider is set where it could be
/// told, and in one line what to check where it could not.
pub fn save_instruction(filled: &[Purpose], unsure: &[Purpose]) -> String {
    let (names, plural) = names_of(if unsure.is_empty() { filled } else { unsure });
    match (filled.is_empty(), unsure.is_empty(), plural) {
        (true, ..) => SAVE_STEP.instruction.to_string(),
        (_, true, plural) => format!(
            "The key is in place and {names} {} it. Press Save to store it in Innoslate.",
            if plural { "use" } else { "uses" }
        ),
        (.., plural) => format!(
            "The key is in place. Check that {names} {} set to use your own OpenAI key rather than the default service, then press Save.",
            if plural { "are" } else { "is" }
        ),
    }
}

/// The features named together, and whether they are several.
fn names_of(features: &[Purpose]) -> (&'static str, bool) {
    match (features.contains(&Purpose::ChatAi), features.contains(&Purpose::ImageAi)) {
        (true, true) => ("Chat AI and Image AI", true),
        (true, false) => ("Chat AI", false),
        (false, true) => ("Image AI", false),
        (false, false) => ("Innoslate", false),
    }
}

/// The number of steps shown on the Innoslate side ("Step N of 4").
pub const TOTAL: u8 = 4;

static STEPS: &[Step] = &[
    Step {
        id: "open-admin-dashboard",
        number: 1,
        title: "Open the Admin Dashboard",
        instruction: "Your new key is ready to go into Innoslate. Open the Admin Dashboard first.",
        why: "Organization-wide AI settings live under the Admin Dashboard.",
        screen: Screen {
            hosts: &[],
            paths: &[],
            not_paths: &[],
            all_of: &[],
            any_of: &[
                Signal::Control { role: "link", name: Text::Has("Admin Dashboard") },
                Signal::Control { role: "button", name: Text::Has("Admin Dashboard") },
            ],
            none_of: &[Signal::Control { role: "link", name: Text::Has("Organization Preferences") }],
        },
        look_for: "Look for a link or button named Admin Dashboard.",
        wordings: &[],
        needs: &[],
        target: &[
            Locator::role_name("link", Text::Has("Admin Dashboard")),
            Locator::role_name("button", Text::Has("Admin Dashboard")),
        ],
        keep_clear: &[],
        advise: None,
        done_when: &[],
    },
    Step {
        id: "open-preferences",
        number: 2,
        title: "Open Organization Preferences",
        instruction: "Open Organization Preferences, where Innoslate keeps the Chat AI and Image AI keys.",
        why: "The OpenAI API key belongs to the whole organization, so it is set in the organization's preferences.",
        screen: Screen {
            hosts: &[],
            paths: &[],
            not_paths: &[],
            all_of: &[],
            any_of: &[
                Signal::Control { role: "link", name: Text::Has("Organization Preferences") },
                Signal::Control { role: "button", name: Text::Has("Organization Preferences") },
                Signal::Control { role: "link", name: Text::Is("Preferences") },
            ],
            none_of: &[],
        },
        look_for: "Look for a link named Organization Preferences on the Admin Dashboard.",
        wordings: &[],
        needs: &[],
        target: &[
            Locator::role_name("link", Text::Has("Organization Preferences")),
            Locator::role_name("button", Text::Has("Organization Preferences")),
            Locator::role_name("link", Text::Is("Preferences")),
        ],
        keep_clear: &[],
        advise: None,
        done_when: &[],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page_report::{ElementFact, Rect};

    fn field(name: &str, section: &str) -> ElementFact {
        ElementFact {
            role: "textbox".into(),
            name: name.into(),
            label: name.into(),
            section: section.into(),
            rect: Rect { x: 0.0, y: 0.0, width: 100.0, height: 20.0 },
            ..Default::default()
        }
    }

    fn page(headings: &[&str], elements: Vec<ElementFact>) -> PageReport {
        PageReport {
            url: "https://cloud.innoslate.com/acme/admin/preferences".into(),
            headings: headings.iter().map(|h| h.to_string()).collect(),
            elements,
            ..Default::default()
        }
    }

    #[test]
    fn preferences_need_the_heading_and_both_ai_settings() {
        let fields = || vec![field("OpenAI API Key", "Chat AI"), field("OpenAI API Key", "Image AI")];
        assert!(is_organization_preferences(&page(&["Organization Preferences", "Chat AI", "Image AI"], fields())));
        // One OpenAI section whose provider selectors name both features.
        let shared = vec![field("Chat AI provider", "OpenAI"), field("Image AI provider", "OpenAI")];
        assert!(is_organization_preferences(&page(&["Organization Preferences", "OpenAI"], shared)));
    }

    #[test]
    fn a_field_label_alone_is_not_preferences() {
        // A discussion whose user content holds an "OpenAI API Key" field.
        let discussion = page(&["Discussion: AI rollout"], vec![field("OpenAI API Key", "Chat AI")]);
        assert!(!is_organization_preferences(&discussion));
        // The heading written further down the page, in someone's post.
        let post = page(
            &["Projects", "Organization Preferences", "Chat AI", "Image AI"],
            vec![field("OpenAI API Key", "Chat AI"), field("OpenAI API Key", "Image AI")],
        );
        assert!(!is_organization_preferences(&post));
        // The right heading without the AI settings.
        assert!(!is_organization_preferences(&page(&["Organization Preferences"], vec![field("API Key", "")])));
        assert!(!is_organization_preferences(&page(&[], vec![])));
    }

    #[test]
    fn the_provider_step_names_the_feature_and_the_option_in_page_words_or_ours() {
        let pending = |feature, change| Pending { feature, target: 7, change };
        let (step, text) = provider_instruction(&pending(Purpose::ChatAi, Change::Choose(Some("OpenAI".into()))));
        assert_eq!(step.id, "choose-chat-provider");
        assert_eq!(text, "Chat AI does not use your key yet. Choose \u{201c}OpenAI\u{201d} here, then press Save.");
        let (step, text) = provider_instruction(&pending(Purpose::ImageAi, Change::Choose(None)));
        assert_eq!(step.id, "choose-image-provider");
        assert!(text.starts_with("Image AI does not") && text.contains("Choose OpenAI here"), "{text}");
        let (step, text) =
            provider_instruction(&pending(Purpose::Unspecified, Change::Turn(true, Some("Use own key".into()))));
        assert_eq!(step.id, "choose-provider");
        assert!(text.contains("Turn on \u{201c}Use own key\u{201d}"), "{text}");
        let (_, text) = provider_instruction(&pending(Purpose::ChatAi, Change::Turn(false, None)));
        assert!(text.contains("Turn off this switch"), "{text}");
    }

    #[test]
    fn the_save_step_says_what_uses_the_key_or_in_one_line_what_to_check() {
        let both = [Purpose::ChatAi, Purpose::ImageAi];
        assert_eq!(
            save_instruction(&both, &[]),
            "The key is in place and Chat AI and Image AI use it. Press Save to store it in Innoslate."
        );
        assert!(save_instruction(&[Purpose::ImageAi], &[]).contains("Image AI uses it."));
        let text = save_instruction(&both, &[Purpose::ImageAi]);
        assert!(
            text.starts_with("The key is in place. Check that Image AI is set to use your own OpenAI key"),
            "{text}"
        );
        assert!(save_instruction(&both, &both).contains("Chat AI and Image AI are set"));
        assert_eq!(save_instruction(&[], &[]), SAVE_STEP.instruction);
        assert!(!SAVE_STEP.instruction.contains('\n') && !text.contains('\n'));
    }

    #[test]
    fn the_unrecognised_page_is_named_by_its_path() {
        let text = unrecognised_instruction("/acme/p/7/discussions/42");
        assert!(text.starts_with("This page (/acme/p/7/discussions/42) does not look like Organization"), "{text}");
        assert!(text.contains("Fill a field I pick"));
        let long = unrecognised_instruction(&format!("/{}", "a".repeat(300)));
        assert!(long.contains("\u{2026}) does not look") && long.len() < 500);
    }
}
