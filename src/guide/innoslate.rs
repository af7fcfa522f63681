//! The short guide on the Innoslate side: from wherever the admin lands to
//! the Organization Preferences page where the key field is. It applies only
//! on the Innoslate origin the admin configured, and only while a key is
//! waiting to be delivered; the dispatcher enforces both.
//!
//! The key is offered only on a page recognised as Organization Preferences
//! ([`is_organization_preferences`]): its first heading is its name and the page
//! shows the Chat AI and Image AI settings. Any other page of the origin may
//! hold content that others wrote (a discussion, a document, an attachment),
//! so a field label alone never earns the key.

use super::advice::Part;
use super::{normalise, Advice, Guide, Locator, Screen, Signal, Step, Text};
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
    title: "core_fill_key_title",
    instruction: "core_fill_key_do",
    why: "core_fill_key_why",
    screen: Screen { hosts: &[], paths: &[], not_paths: &[], all_of: &[], any_of: &[], none_of: &[] },
    look_for: "core_fill_key_look",
    wordings: &[],
    needs: &[],
    target: &[],
    keep_clear: &[],
    advise: None,
    done_when: &[],
};

/// A step 3 that offers only "Fill a field I pick": no screen of its own,
/// no pointer; `words` are its title, instruction, why and look-for.
const fn pick_only_step(id: &'static str, words: [&'static str; 4]) -> Step {
    let [title, instruction, why, look_for] = words;
    Step {
        id,
        number: 3,
        title,
        instruction,
        why,
        look_for,
        wordings: &[],
        needs: &[],
        screen: Screen { hosts: &[], paths: &[], not_paths: &[], all_of: &[], any_of: &[], none_of: &[] },
        target: &[],
        keep_clear: &[],
        advise: None,
        done_when: &[],
    }
}

/// A page of the Innoslate origin that is not recognised as Organization
/// Preferences. Its words are all ours: the page's path is not quoted, as
/// a path is text the page (or whoever named a project or discussion)
/// chose, and the address bar shows it anyway.
pub static UNRECOGNISED_STEP: Step = pick_only_step(
    "fill-unrecognised",
    [
        "core_fill_unrecognised_title",
        "core_fill_unrecognised_do",
        "core_fill_unrecognised_why",
        "core_fill_unrecognised_look",
    ],
);

/// Organization Preferences, recognised, where no key field can be told:
/// relabelled, or in a section or tab still closed. The same way out as on
/// an unrecognised page, in words that do not send the admin elsewhere.
pub static FIELD_NOT_FOUND_STEP: Step = pick_only_step(
    "fill-field-not-found",
    [
        "core_fill_field_not_found_title",
        "core_fill_field_not_found_do",
        "core_fill_field_not_found_why",
        "core_fill_field_not_found_look",
    ],
);

/// Whether `page` is Innoslate's Organization Preferences: its first
/// heading is that name and nothing else, and the page shows both the Chat
/// AI and the Image AI settings (as headings, sections or control names).
/// Only the whole heading counts: a discussion, project or document titled
/// "Why do Organization Preferences need a key?" is content anyone on the
/// origin may write, and its page must not be offered the key.
pub fn is_organization_preferences(page: &PageReport) -> bool {
    let titled = page
        .headings
        .first()
        .map(|h| normalise(h))
        .is_some_and(|h| h == "organization preferences" || h == "organisation preferences");
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
    title: "core_press_save_title",
    instruction: "core_press_save_do",
    why: "core_press_save_why",
    screen: Screen { hosts: &[], paths: &[], not_paths: &[], all_of: &[], any_of: &[], none_of: &[] },
    look_for: "core_press_save_look",
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
        why: "core_provider_why",
        screen: Screen { hosts: &[], paths: &[], not_paths: &[], all_of: &[], any_of: &[], none_of: &[] },
        look_for: "core_provider_look",
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
pub static CHAT_PROVIDER_STEP: Step = provider_step("choose-chat-provider", "core_choose_chat_provider_title");
/// After the fill: Image AI still uses another provider.
pub static IMAGE_PROVIDER_STEP: Step = provider_step("choose-image-provider", "core_choose_image_provider_title");
/// After the fill of one key field for both features: its provider is not
/// OpenAI yet.
pub static PROVIDER_STEP: Step = provider_step("choose-provider", "core_choose_provider_title");

/// The step and instruction that point at a provider choice to change.
pub fn provider_instruction(pending: &Pending) -> (&'static Step, Advice) {
    let step = match pending.feature {
        Purpose::ChatAi => &CHAT_PROVIDER_STEP,
        Purpose::ImageAi => &IMAGE_PROVIDER_STEP,
        Purpose::Unspecified => &PROVIDER_STEP,
    };
    // The page's words are quoted; ours are not.
    let (named, ours, words) = match &pending.change {
        Change::Choose(option) => ("core_provider_choose_named", "core_provider_choose_openai", option),
        Change::Turn(true, name) => ("core_provider_turn_on_named", "core_provider_turn_on_ours", name),
        Change::Turn(false, name) => ("core_provider_turn_off_named", "core_provider_turn_off_ours", name),
    };
    let feature = Part::Ours(names_of(&[pending.feature]).0);
    let advice = match words {
        Some(words) => Advice::filled(named, &[feature, Part::Shown(words)]),
        None => Advice::filled(ours, &[feature]),
    };
    (step, advice)
}

/// What the Save step says: that the provider is set where it could be
/// told, and in one line what to check where it could not.
pub fn save_instruction(filled: &[Purpose], unsure: &[Purpose]) -> Advice {
    let (names, plural) = names_of(if unsure.is_empty() { filled } else { unsure });
    let id = match (filled.is_empty(), unsure.is_empty(), plural) {
        (true, ..) => return Advice::ours(SAVE_STEP.instruction),
        (_, true, false) => "core_press_save_set_one",
        (_, true, true) => "core_press_save_set_many",
        (.., false) => "core_press_save_check_one",
        (.., true) => "core_press_save_check_many",
    };
    Advice::filled(id, &[Part::Ours(names)])
}

/// The features named together, and whether they are several.
fn names_of(features: &[Purpose]) -> (&'static str, bool) {
    match (features.contains(&Purpose::ChatAi), features.contains(&Purpose::ImageAi)) {
        (true, true) => ("core_feature_both", true),
        (true, false) => ("core_feature_chat_ai", false),
        (false, true) => ("core_feature_image_ai", false),
        (false, false) => ("core_feature_innoslate", false),
    }
}

/// The number of steps shown on the Innoslate side ("Step N of 4").
pub const TOTAL: u8 = 4;

static STEPS: &[Step] = &[
    Step {
        id: "open-admin-dashboard",
        number: 1,
        title: "core_open_admin_dashboard_title",
        instruction: "core_open_admin_dashboard_do",
        why: "core_open_admin_dashboard_why",
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
        look_for: "core_open_admin_dashboard_look",
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
        title: "core_open_preferences_title",
        instruction: "core_open_preferences_do",
        why: "core_open_preferences_why",
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
        look_for: "core_open_preferences_look",
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
    use crate::message_words::said;
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
        // A title anyone may write that mentions the page, over a post
        // that shows both settings.
        for title in [
            "Discussion: Organization Preferences for Chat AI and Image AI",
            "Why do Organization Preferences need a key for Chat AI / Image AI?",
        ] {
            let titled = page(&[title, "Chat AI", "Image AI"], vec![field("OpenAI API Key", "Chat AI")]);
            assert!(!is_organization_preferences(&titled), "{title}");
        }
        assert!(is_organization_preferences(&page(&["ORGANISATION  preferences", "Chat AI", "Image AI"], vec![])));
        // The right heading without the AI settings.
        assert!(!is_organization_preferences(&page(&["Organization Preferences"], vec![field("API Key", "")])));
        assert!(!is_organization_preferences(&page(&[], vec![])));
    }

    #[test]
    fn the_provider_step_names_the_feature_and_the_option_in_page_words_or_ours() {
        let pending = |feature, change| Pending { feature, target: 7, change };
        let said = |pending: &Pending| {
            let (step, advice) = provider_instruction(pending);
            (step, advice.text())
        };
        let (step, text) = said(&pending(Purpose::ChatAi, Change::Choose(Some("OpenAI".into()))));
        assert_eq!(step.id, "choose-chat-provider");
        assert_eq!(text, "Chat AI does not use your key yet. Choose \u{201c}OpenAI\u{201d} here, then press Save.");
        let (step, text) = said(&pending(Purpose::ImageAi, Change::Choose(None)));
        assert_eq!(step.id, "choose-image-provider");
        assert!(text.starts_with("Image AI does not") && text.contains("Choose OpenAI here"), "{text}");
        let (step, text) = said(&pending(Purpose::Unspecified, Change::Turn(true, Some("Use own key".into()))));
        assert_eq!(step.id, "choose-provider");
        assert!(text.contains("Turn on \u{201c}Use own key\u{201d}"), "{text}");
        let (_, text) = said(&pending(Purpose::ChatAi, Change::Turn(false, None)));
        assert!(text.contains("Turn off this switch"), "{text}");
    }

    #[test]
    fn the_save_step_says_what_uses_the_key_or_in_one_line_what_to_check() {
        let both = [Purpose::ChatAi, Purpose::ImageAi];
        assert_eq!(
            save_instruction(&both, &[]).text(),
            "The key is in place and Chat AI and Image AI use it. Press Save to store it in Innoslate."
        );
        assert!(save_instruction(&[Purpose::ImageAi], &[]).text().contains("Image AI uses it."));
        let text = save_instruction(&both, &[Purpose::ImageAi]).text();
        assert!(
            text.starts_with("The key is in place. Check that Image AI is set to use your own OpenAI key"),
            "{text}"
        );
        assert!(save_instruction(&both, &both).text().contains("Chat AI and Image AI are set"));
        assert_eq!(save_instruction(&[], &[]), Advice::ours(SAVE_STEP.instruction));
        assert!(!said(SAVE_STEP.instruction).contains('\n') && !text.contains('\n'));
    }

    #[test]
    fn the_unrecognised_page_gets_our_words_only() {
        let text = said(UNRECOGNISED_STEP.instruction);
        assert!(text.starts_with("This page does not look like Organization Preferences."), "{text}");
        assert!(text.contains("Fill a field I pick") && !text.contains('$'));
    }
}
